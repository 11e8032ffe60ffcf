package org.slurmworkbench.workbench.security.internal;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The response headers of every page and API answer. The CSP allows scripts and styles from the workbench itself
 * only: no inline script, no {@code eval} (htmx needs it only for {@code hx-on}/{@code js:} attributes, which the
 * templates do not use; the layout sets {@code allowEval: false}), no inline styles (htmx's own indicator style is
 * switched off in the layout and lives in workbench.css; bar widths are set from JavaScript). ECharts draws on
 * canvas and needs nothing more. The one exception is springdoc's Swagger UI (a developer page), whose bundle injects
 * a {@code <style>} and whose stylesheet draws its icons as {@code data:} images: there, and only there, styles may
 * be inline and images {@code data:}; its scripts stay as strict as everywhere else.
 * {@code nosniff} and HSTS (on HTTPS requests) are Spring Security's defaults and stay on.
 */
final class SecurityHeaders implements Customizer<HeadersConfigurer<HttpSecurity>> {

    static final String CSP = "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'";
    static final String SWAGGER_UI_CSP = CSP + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

    @Override
    public void customize(HeadersConfigurer<HttpSecurity> headers) {
        RequestMatcher swaggerUi = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");
        headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(swaggerUi),
                        new ContentSecurityPolicyHeaderWriter(CSP)))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(swaggerUi,
                        new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_CSP)))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
    }
}
