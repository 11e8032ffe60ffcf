package org.slurmworkbench.workbench.web.internal;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages' one answer to a failure of Slurm that a page does not show itself (the API's is {@link ApiErrorHandler}):
 * the error page, naming the cluster, never a stack trace. Slurm unavailable, or refusing the workbench's token, is a
 * 503 saying to try again; permission denied a 403; not found a 404; any other refusal a 502 with Slurm's words.
 */
@ControllerAdvice
class PageErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(PageErrorHandler.class);

    /**
     * A page's parameter refused (e.g. {@code FieldProblems}): the page names the field and why, as the API's problem
     * details do; other statuses keep the plain message of their status.
     */
    @ExceptionHandler(ErrorResponseException.class)
    ModelAndView refused(ErrorResponseException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        status = status == null ? HttpStatus.BAD_REQUEST : status;
        String detail = e.getBody().getDetail();
        ModelAndView page = status == HttpStatus.BAD_REQUEST && detail != null
                ? ErrorPages.view(status, "error.badField", detail)
                : ErrorPages.view(status, ErrorPages.messageKey(status));
        page.addObject("me", CurrentUser.get().orElse(null));
        return page;
    }

    @ExceptionHandler(SlurmException.class)
    ModelAndView slurm(SlurmException e, HttpServletResponse response) {
        // every failure from Clusters names its cluster; "" only if one came from elsewhere
        String cluster = e.cluster() == null ? "" : e.cluster();
        ModelAndView page;
        if (e instanceof SlurmException.Unavailable || e instanceof SlurmException.Authentication) {
            response.setHeader("Retry-After", "10");
            page = ErrorPages.view(HttpStatus.SERVICE_UNAVAILABLE, "error.slurmUnavailable", cluster);
        } else if (e instanceof SlurmException.PermissionDenied) {
            page = ErrorPages.view(HttpStatus.FORBIDDEN, "error.forbidden");
        } else if (e instanceof SlurmException.NotFound) {
            page = ErrorPages.view(HttpStatus.NOT_FOUND, "error.notFound");
        } else {
            page = ErrorPages.view(HttpStatus.BAD_GATEWAY, "error.slurmRefused", cluster, e.getMessage());
        }
        if (e instanceof SlurmException.Authentication) {
            log.warn("Slurm on cluster {} refused the workbench's token (check its JWT key): {}", cluster, e.getMessage());
        } else {
            log.info("Slurm on cluster {} failed a page ({}): {}", cluster, page.getStatus(), e.getMessage());
        }
        page.addObject("me", CurrentUser.get().orElse(null)); // the layout's navigation, as on every other page
        return page;
    }
}
