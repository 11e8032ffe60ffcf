package org.slurmworkbench.workbench.security.internal;

import java.time.Duration;
import org.slurmworkbench.workbench.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.MySqlJdbcIndexedSessionRepositoryCustomizer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may see what. Pages: form login with a session, CSRF on every form. {@code /api/**}: the same session,
 * or HTTP basic (without CSRF, since a browser never sends an Authorization header on its own); errors as problem
 * details. Anonymous: the login page, static files, health and Prometheus metrics (for load balancers and
 * scrapers; health details only for logged-in users). Cluster gauges ({@code /api/v1/metrics}, with user names):
 * admins, or Prometheus with the bearer token {@code workbench.metrics.token} ({@link MetricsTokenFilter}). Admins
 * only: {@code /admin/**}, user management, the other actuator endpoints. Site logins (LDAP, Kerberos, SPNEGO) come from {@link SiteLogins}. Finer rules (own jobs,
 * coordinated accounts) live with the data, in each module. Also: the security headers ({@link SecurityHeaders}),
 * a new session id at login, and {@link LoginThrottleFilter}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** How stale a session's stored last-access time may get before a request moves it ({@link LazyTouchSessions}). */
    static final Duration SESSION_TOUCH_EVERY = Duration.ofSeconds(60);

    /**
     * The first requests after a login (a page and its fragments, or tabs opened at once) each add the session's CSRF
     * token; Spring Session's plain INSERT then fails all but one with a duplicate key (a 500). MariaDB upserts instead.
     */
    @Bean
    MySqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesUpsert() {
        return new MySqlJdbcIndexedSessionRepositoryCustomizer();
    }

    /** Wraps Spring Session's repository so requests of a busy session only read it. Static: it runs before beans exist. */
    @Bean
    static BeanPostProcessor lazySessionTouch() {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JdbcIndexedSessionRepository sessions
                        ? new LazyTouchSessions<>((FindByIndexNameSessionRepository) sessions, SESSION_TOUCH_EVERY)
                        : bean;
            }
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(UserStore accounts) {
        return username -> accounts.find(username).map(WorkbenchPrincipal::new)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper json, SiteLogins siteLogins, LoginThrottle throttle,
                                           @Value("${workbench.metrics.token:}") String metricsToken) throws Exception {
        String admin = Role.ADMIN.name();
        AuthenticationEntryPoint apiErrors = siteLogins.apiEntryPoint(new ApiSecurityErrors(json));
        ApiSecurityErrors apiDenied = new ApiSecurityErrors(json);
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        RequestMatcher apiWithBasicAuth = request -> api.matches(request) && request.getHeader("Authorization") != null;
        siteLogins.addFilters(http, api, apiErrors);
        http
                .authenticationManager(siteLogins.authenticationManager())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**", "/admin/**", "/api/v1/users/**").hasRole(admin)
                        .requestMatchers(MetricsTokenFilter.PATH).hasAnyRole(admin, MetricsTokenFilter.ROLE)
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .httpBasic(basic -> basic.realmName("Slurm Workbench").authenticationEntryPoint(apiErrors))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers(apiWithBasicAuth))
                // Hardening (WB-6): headers, a new session id at login, login throttling before any password check.
                .headers(new SecurityHeaders())
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterBefore(new LoginThrottleFilter(throttle, apiDenied), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new MetricsTokenFilter(metricsToken), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(apiErrors, api)
                        .defaultAuthenticationEntryPointFor(siteLogins.pageEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")), AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor(apiDenied, api));
        return http.build();
    }
}
