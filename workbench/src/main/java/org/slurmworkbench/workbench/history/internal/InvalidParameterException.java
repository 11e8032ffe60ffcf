package org.slurmworkbench.workbench.history.internal;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A query parameter that cannot be used: 400 in the API's problem format, naming the parameter. */
class InvalidParameterException extends ErrorResponseException {

    InvalidParameterException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, problem(field, message), null);
    }

    private static ProblemDetail problem(String field, String message) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Field '" + field + "' " + message);
        p.setTitle("Invalid request");
        p.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return p;
    }
}
