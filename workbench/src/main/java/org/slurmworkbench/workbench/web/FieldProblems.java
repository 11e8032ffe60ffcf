package org.slurmworkbench.workbench.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** 400 "Invalid request" naming each field of {@code errors} (field to message, in order). */
    public static ErrorResponseException invalid(Map<String, String> errors) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.invalid(errors.entrySet().stream()
                .map(e -> Problems.field(e.getKey(), e.getValue())).toList()), null);
    }

    /** The fields a problem names, field to message (empty when it names none): to put them back on a page's form. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> of(ErrorResponseException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> properties = e.getBody().getProperties();
        if (properties != null && properties.get("errors") instanceof List<?> list) {
            list.forEach(item -> {
                Map<String, String> error = (Map<String, String>) item;
                errors.putIfAbsent(error.get("field"), error.get("message"));
            });
        }
        return errors;
    }

    /** {@code status} with {@code title}, naming {@code field}: e.g. 403 for a field a user may not set so. */
    public static ErrorResponseException of(HttpStatus status, String title, String field, String message) {
        return new ErrorResponseException(status, Problems.fields(status, title, List.of(Problems.field(field, message)), false),
                null);
    }
}
