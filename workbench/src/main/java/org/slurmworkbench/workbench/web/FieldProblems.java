package org.slurmworkbench.workbench.web;

import java.util.List;
import org.slurmworkbench.workbench.shared.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A problem naming one field, in the API's one error format (RFC 7807 with {@code errors: [{field, message}]}, as the
 * web layer's error handler answers bad bindings): for what a module's own checks find after binding.
 */
public final class FieldProblems {

    private FieldProblems() {
    }

    /** 400 "Invalid request" naming {@code field}. */
    public static ErrorResponseException invalid(String field, String message) {
        return of(HttpStatus.BAD_REQUEST, "Invalid request", field, message);
    }

    /** {@code status} with {@code title}, naming {@code field}: e.g. 403 for a field a user may not set so. */
    public static ErrorResponseException of(HttpStatus status, String title, String field, String message) {
        return new ErrorResponseException(status, Problems.fields(status, title, List.of(Problems.field(field, message)), false),
                null);
    }
}
