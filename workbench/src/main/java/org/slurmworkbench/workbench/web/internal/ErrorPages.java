package org.slurmworkbench.workbench.web.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slurmworkbench.workbench.shared.Problems;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors that happen outside a controller (unknown path, a filter): problem details for {@code /api/**} and
 * JSON clients, a plain page for browsers. Never the exception's message or stack trace.
 */
@Controller
class ErrorPages implements ErrorController {

    private final JsonMapper json;

    ErrorPages(JsonMapper json) {
        this.json = json;
    }

    @RequestMapping(value = "/error", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<ProblemDetail> json(HttpServletRequest request) {
        return problem(request);
    }

    @RequestMapping("/error")
    ModelAndView page(HttpServletRequest request) {
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (path.startsWith(request.getContextPath() + "/api/")) {
            ResponseEntity<ProblemDetail> problem = problem(request);
            return new ModelAndView((View) (model, req, res) -> {
                ProblemDetail p = problem.getBody();
                Problems.write(json, res, problem.getStatusCode().value(), p.getTitle(), p.getDetail(),
                        p.getInstance() == null ? null : p.getInstance().toString());
            });
        }
        HttpStatus status = status(request);
        return view(status, messageKey(status));
    }

    /** The page's message for a status whose cause it does not know better. */
    static String messageKey(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "error.notFound";
            case FORBIDDEN -> "error.forbidden";
            case BAD_REQUEST, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE -> "error.badRequest";
            case SERVICE_UNAVAILABLE -> "error.unavailable";
            default -> "error.internal";
        };
    }

    /** The error page of every HTML answer: its status and its message, a key of messages*.properties with arguments. */
    static ModelAndView view(HttpStatus status, String messageKey, Object... messageArgs) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("reason", status.getReasonPhrase());
        page.addObject("messageKey", messageKey);
        page.addObject("messageArgs", messageArgs);
        return page;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        HttpStatus status = status(request);
        ProblemDetail problem = Problems.of(status, status.getReasonPhrase(), switch (status) {
            case NOT_FOUND -> "No such resource.";
            case FORBIDDEN -> "Not allowed.";
            case UNAUTHORIZED -> "Authentication required.";
            default -> status.is5xxServerError() ? "An internal error occurred; it has been logged." : status.getReasonPhrase() + ".";
        });
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            problem.setInstance(java.net.URI.create(uri.toString().replace(" ", "%20")));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
