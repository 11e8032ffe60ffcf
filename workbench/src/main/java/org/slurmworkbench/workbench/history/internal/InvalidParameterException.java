package org.slurmworkbench.workbench.history.internal;

import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A query parameter that cannot be used: 400 in the API's problem format, naming the parameter. A type of its own so
 * that the history fragments can tell it from other failures.
 */
class InvalidParameterException extends ErrorResponseException {

    InvalidParameterException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, FieldProblems.invalid(field, message).getBody(), null);
    }
}
