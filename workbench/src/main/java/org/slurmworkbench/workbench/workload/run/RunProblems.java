package org.slurmworkbench.workbench.workload.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.workbench.shared.Problems;
import org.springframework.http.HttpStatus;
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
        List<Map<String, String>> all = new ArrayList<>();
        errors.getFieldErrors().forEach(e -> all.add(Problems.field(e.getField(), String.valueOf(e.getDefaultMessage()))));
        errors.getGlobalErrors().forEach(e -> all.add(Problems.field(e.getObjectName(), String.valueOf(e.getDefaultMessage()))));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST,
                Problems.fields(HttpStatus.BAD_REQUEST, "Invalid request", all, false), null);
    }

    static ErrorResponseException of(HttpStatus status, String title, String detail) {
        return Problems.exception(status, title, detail);
    }
}
