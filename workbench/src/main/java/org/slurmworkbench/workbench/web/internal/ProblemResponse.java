package org.slurmworkbench.workbench.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slurmworkbench.workbench.shared.Problems;
import tools.jackson.databind.json.JsonMapper;

/**
 * A problem detail written straight to the response, for filters that answer before Spring MVC (and its
 * {@link ApiErrorHandler}) is reached: the same fields as the API's other problems.
 */
final class ProblemResponse {

    private ProblemResponse() {
    }

    /** Whether the caller wants problem JSON: the API, or a client asking for JSON. */
    static boolean wanted(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || String.valueOf(request.getHeader("Accept")).contains("json");
    }

    static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response, int status,
                      String title, String detail) throws IOException {
        Problems.write(json, response, status, title, detail, request.getRequestURI());
    }
}
