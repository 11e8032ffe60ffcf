package org.slurmworkbench.workbench.security.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * With SPNEGO on, a request without login is answered 401 with {@code WWW-Authenticate: Negotiate}, so a browser
 * that holds a ticket sends it. Pages carry the login form as the body (a browser without a ticket shows it, that is
 * the fallback); the API carries its problem details and keeps offering HTTP basic too.
 */
final class SpnegoChallenge implements AuthenticationEntryPoint {

    static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private final AuthenticationEntryPoint api;

    private SpnegoChallenge(AuthenticationEntryPoint api) {
        this.api = api;
    }

    /** For pages: 401 with the login form. */
    static SpnegoChallenge page() {
        return new SpnegoChallenge(null);
    }

    /** For the API: {@code api}'s answer with Negotiate offered beside its own challenge. */
    static SpnegoChallenge api(AuthenticationEntryPoint api) {
        return new SpnegoChallenge(api);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        response.addHeader(WWW_AUTHENTICATE, "Negotiate");
        if (api != null) {
            api.commence(request, new KeepChallenges(response), e);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        request.getRequestDispatcher("/login").forward(request, response);
    }

    /** Turns a second {@code setHeader(WWW-Authenticate)} into an added header, so both challenges reach the client. */
    private static final class KeepChallenges extends HttpServletResponseWrapper {
        KeepChallenges(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            } else {
                super.setHeader(name, value);
            }
        }
    }
}
