package org.slurmworkbench.workbench.shared;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's one error format, RFC 7807 problem details ({@code application/problem+json}): a title, a detail and,
 * for bad input, the fields under {@code errors: [{field, message}]}. Every module builds its problems here; filters
 * that answer before Spring MVC write them with {@link #write}.
 */
public final class Problems {

    private Problems() {
    }

    /** A problem with this status, title and detail. */
    public static ProblemDetail of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (title != null) {
            problem.setTitle(title);
        }
        return problem;
    }

    /** The same, thrown: Spring MVC answers it as is. */
    public static ErrorResponseException exception(HttpStatus status, String title, String detail) {
        return new ErrorResponseException(status, of(status, title, detail), null);
    }

    /** One bad field, {@code {field, message}} in the order the API has always written them. */
    public static Map<String, String> field(String field, String message) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("field", field);
        e.put("message", message);
        return e;
    }

    /**
     * {@code status} with {@code title} naming the bad fields; the detail names the one field and its message, or
     * counts them ({@code "2 fields are invalid"}, followed by {@code ": a, b"} when {@code listFields}).
     */
    public static ProblemDetail fields(HttpStatus status, String title, List<Map<String, String>> errors, boolean listFields) {
        String detail = errors.size() == 1
                ? "Field '" + errors.getFirst().get("field") + "' " + errors.getFirst().get("message")
                : errors.size() + " fields are invalid" + (listFields
                ? ": " + String.join(", ", errors.stream().map(e -> e.get("field")).distinct().toList()) : "");
        ProblemDetail problem = of(status, title, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** 400 "Invalid request" naming the bad fields (listed in the detail when more than one). */
    public static ProblemDetail invalid(List<Map<String, String>> errors) {
        return fields(HttpStatus.BAD_REQUEST, "Invalid request", errors, true);
    }

    /**
     * Writes a problem straight to the response, in the fields and order Spring MVC writes a {@link ProblemDetail}:
     * for filters and views that answer outside Spring MVC's message converters.
     */
    public static void write(JsonMapper json, HttpServletResponse response, int status, String title, String detail,
                             String instance) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", instance);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
