package org.slurmworkbench.workbench.security.internal;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers of every page and API answer. The CSP allows scripts and styles from the workbench itself
 * only: no inline script, no {@code eval} (htmx needs it only for {@code hx-on}/{@code js:} attributes, which the
 * templates do not use), no inline styles (htmx's own indicator style is switched off in the layout and lives in
 * workbench.css; bar widths are set from JavaScript). ECharts draws on canvas and needs nothing more.
 * {@code nosniff} and HSTS (on HTTPS requests) are Spring Security's defaults and stay on.
 */
final class SecurityHeaders implements Customizer<HeadersConfigurer<HttpSecurity>> {

    static final String CSP = "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'";

    @Override
    public void customize(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
    }
}
