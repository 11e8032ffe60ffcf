package org.slurmworkbench.workbench.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slurmworkbench.workbench.shared.Problems;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 for {@code /api/**} in the API's one error format (RFC 7807 problem details), instead of a
 * redirect to the login page.
 */
class ApiSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ApiSecurityErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof InternalAuthenticationServiceException && e.getCause() instanceof DataAccessException) {
            // The user store could not be read: not the caller's fault, and it passes.
            response.setHeader("Retry-After", "10");
            write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "MariaDB unavailable",
                    "The user store (MariaDB) is out of reach, so credentials cannot be checked now. Try again shortly.");
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Slurm Workbench\"");
        write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required",
                "Log in (session) or send HTTP basic credentials.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken) {
            // Nobody is logged in (no credentials, or a session that ended): the CSRF check refused first, but
            // the answer that helps is "log in", as for a GET.
            commence(request, response, new InsufficientAuthenticationException("not logged in", e));
            return;
        }
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
                "Your role may not do this (or the CSRF token is missing or invalid).");
    }

    /** 429 while {@link LoginThrottle} locks the user name or address of HTTP basic credentials. */
    void tooManyLoginFailures(HttpServletRequest request, HttpServletResponse response, java.time.Duration remaining)
            throws IOException {
        long seconds = Math.max(1, (remaining.toMillis() + 999) / 1000); // a delay of 300 ms is still a second to wait
        response.setHeader("Retry-After", Long.toString(seconds));
        write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                "Logins for this user name or from this address are held back after repeated failures; try again in "
                        + seconds + " seconds.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                       String detail) throws IOException {
        Problems.write(json, response, status.value(), title, detail, request.getRequestURI());
    }
}
