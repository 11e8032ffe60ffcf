package org.slurmworkbench.workbench.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import org.ietf.jgss.GSSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs in a request that carries {@code Authorization: Negotiate <Kerberos ticket>}: the ticket is accepted with the
 * service keytab, its client principal mapped to the user ({@code alice@REALM} -> {@code alice}) and the login kept
 * in the session like a form login (a new session id, against fixation). A refused ticket: the API answers 401, a
 * page goes on without login (to the login form), so a browser never loops on a bad ticket.
 */
final class SpnegoFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SpnegoFilter.class);
    private static final String NEGOTIATE = "Negotiate ";

    private final SpnegoAcceptor acceptor;
    private final KerberosLoginProperties properties;
    private final SiteAccounts accounts;
    private final RequestMatcher api;
    private final AuthenticationEntryPoint apiChallenge;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    SpnegoFilter(SpnegoAcceptor acceptor, KerberosLoginProperties properties, SiteAccounts accounts, RequestMatcher api,
                 AuthenticationEntryPoint apiChallenge) {
        this.acceptor = acceptor;
        this.properties = properties;
        this.accounts = accounts;
        this.api = api;
        this.apiChallenge = apiChallenge;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, NEGOTIATE, 0, NEGOTIATE.length())) {
            chain.doFilter(request, response);
            return;
        }
        String client = null;
        try {
            if (crossSiteWrite(request)) {
                // A browser resends its ticket to any page that challenges it, also for a form another site posts
                // here; such a request is no login (the API skips CSRF checks for requests with Authorization).
                throw new org.springframework.security.authentication.BadCredentialsException("cross-site " + request.getMethod());
            }
            SpnegoAcceptor.Accepted accepted = acceptor.accept(Base64.getDecoder().decode(header.substring(NEGOTIATE.length()).trim()));
            client = accepted.clientPrincipal();
            String user = KerberosNames.user(client, properties.realm());
            WorkbenchPrincipal principal = accounts.login(user, SiteAccounts.Source.KERBEROS,
                    KerberosPasswordLogin.roleOf(user, properties));
            if (request.getSession(false) != null) {
                request.changeSessionId();
            }
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
            contexts.setContext(context);
            repository.saveContext(context, request, response);
            if (accepted.replyToken() != null) {
                response.setHeader(SpnegoChallenge.WWW_AUTHENTICATE, "Negotiate " + Base64.getEncoder().encodeToString(accepted.replyToken()));
            }
            log.info("SPNEGO login of {} as Slurm user {}", client, user);
        } catch (GSSException | IllegalArgumentException | AuthenticationException e) {
            // IllegalArgumentException: not Base64. The message says why; it never contains the ticket.
            log.info("SPNEGO login refused{}: {}", client == null ? "" : " for " + client, e.getMessage());
            contexts.clearContext();
            if (api.matches(request)) {
                apiChallenge.commence(request, response, e instanceof AuthenticationException a ? a
                        : new org.springframework.security.authentication.BadCredentialsException("ticket refused"));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** A state-changing request that the browser marks as sent by another site (Fetch Metadata). */
    private static boolean crossSiteWrite(HttpServletRequest request) {
        String method = request.getMethod();
        return "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))
                && !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }
}
