package org.slurmworkbench.workbench.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stops a login attempt (the login form's POST, or any request with HTTP basic credentials) while its user name
 * or client address is locked by {@link LoginThrottle}: the form goes back to the login page with the wait, the
 * API gets a 429 problem with {@code Retry-After}. Counting is done by {@link LoginThrottle} from Spring Security's
 * authentication events. Not a bean of its own, so the servlet container does
 * not register it a second time outside the security chain.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottleFilter.class);

    private final LoginThrottle throttle;
    private final ApiSecurityErrors apiErrors;

    LoginThrottleFilter(LoginThrottle throttle, ApiSecurityErrors apiErrors) {
        this.throttle = throttle;
        this.apiErrors = apiErrors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String basicUser = basicUser(request);
        boolean formLogin = "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
        String username = basicUser != null ? basicUser : formLogin ? request.getParameter("username") : null;
        if (username != null) {
            LoginThrottle.Lock lock = throttle.lock(username, request.getRemoteAddr());
            if (lock != null) {
                log.warn("Login refused for user '{}' from {}: locked by the {} limit for {} more seconds",
                        LoginThrottle.printable(username), request.getRemoteAddr(), lock.reason(), lock.remaining().toSeconds());
                if (basicUser != null) {
                    apiErrors.tooManyLoginFailures(request, response, lock.remaining());
                } else {
                    response.sendRedirect(request.getContextPath() + "/login?locked=" + lock.minutes());
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The user name of an HTTP basic header, or null (also for a malformed one, which basic auth itself refuses). */
    private static String basicUser(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
