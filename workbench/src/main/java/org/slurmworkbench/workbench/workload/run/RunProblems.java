package org.slurmworkbench.workbench.workload.run;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The workload API's own problems, in the API's one format (RFC 7807, bad fields named under {@code errors}). */
final class RunProblems {

    private RunProblems() {
    }

    static ErrorResponseException notFound(String runId) {
        return of(HttpStatus.NOT_FOUND, "Unknown run", "No workload run '" + runId + "'");
    }

    static ErrorResponseException conflict(Run run, String action) {
        return of(HttpStatus.CONFLICT, "Not possible in this state",
                "Run " + run.id() + " is " + run.state() + "; it cannot " + action + " now");
    }

    /** 400 naming every field of a plan source's own check (e.g. {@code parameters.users[0].user}). */
    static ErrorResponseException invalid(org.springframework.validation.BindingResult errors) {
        List<Map<String, String>> fields = errors.getFieldErrors().stream()
                .map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage()))).toList();
        List<Map<String, String>> all = new java.util.ArrayList<>(fields);
        errors.getGlobalErrors().forEach(e -> all.add(Map.of("field", e.getObjectName(), "message",
                String.valueOf(e.getDefaultMessage()))));
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, all.size() == 1
                ? "Field '" + all.getFirst().get("field") + "' " + all.getFirst().get("message")
                : all.size() + " fields are invalid");
        p.setTitle("Invalid request");
        p.setProperty("errors", all);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, p, null);
    }

    static ErrorResponseException of(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return new ErrorResponseException(status, p, null);
    }
}
