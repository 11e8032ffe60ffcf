package org.slurmworkbench.workbench.security.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.shared.SecretFiles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * The ways to log in, in the order tried: local accounts (bcrypt), then LDAP ({@code workbench.security.ldap.url}),
 * then the Kerberos password ({@code workbench.security.kerberos.realm}) for the form and HTTP basic, and SPNEGO
 * ({@code service-principal} + {@code keytab}) for browsers and clients with a ticket. A misconfigured site login
 * (missing base, unreadable or world-readable keytab) stops the start with a message that says what to fix.
 */
@Component
class SiteLogins {

    private static final Logger log = LoggerFactory.getLogger(SiteLogins.class);

    private final List<AuthenticationProvider> providers = new ArrayList<>();
    private final AuthenticationEventPublisher events;
    private final KerberosLoginProperties kerberos;
    private final SiteAccounts accounts;
    private final SpnegoAcceptor spnego;
    private final RememberedLogins localLogins;

    SiteLogins(UserDetailsService localUsers, PasswordEncoder passwords, LdapLoginProperties ldap,
               KerberosLoginProperties kerberos, SiteAccounts accounts, ObjectProvider<AuthenticationEventPublisher> events) {
        this.kerberos = kerberos;
        this.accounts = accounts;
        this.events = events.getIfAvailable();
        // A site user's record has no local password: it is no local account (and never meets the bcrypt check).
        DaoAuthenticationProvider local = new DaoAuthenticationProvider(username -> {
            UserDetails user = localUsers.loadUserByUsername(username);
            if (SiteAccounts.NO_LOCAL_PASSWORD.equals(user.getPassword())) {
                throw new UsernameNotFoundException("a site login");
            }
            return user;
        });
        local.setPasswordEncoder(passwords);
        this.localLogins = new RememberedLogins(local::authenticate, name -> storedState(localUsers, name), Clock.systemUTC());
        providers.add(localLogins);
        if (ldap.url() != null && !ldap.url().isBlank()) {
            if (ldap.base() == null || ldap.base().isBlank()) {
                throw new IllegalStateException("workbench.security.ldap.base is required with workbench.security.ldap.url");
            }
            providers.add(LdapLogin.provider(ldap, accounts));
            log.info("LDAP login on: {} base {}, admin group {}", ldap.url(), ldap.base(), ldap.adminGroup());
        }
        SpnegoAcceptor acceptor = null;
        if (kerberos.realm() != null && !kerberos.realm().isBlank()) {
            KerberosRealm.configure(kerberos);
            SpnegoAcceptor keytab = null;
            if (kerberos.servicePrincipal() != null) {
                SecretFiles.check(kerberos.keytab(), "workbench.security.kerberos.keytab");
                keytab = SpnegoAcceptor.open(kerberos.servicePrincipal(), kerberos.realm(), kerberos.keytab());
            }
            providers.add(new KerberosPasswordLogin(kerberos, accounts, keytab));
            if (kerberos.spnegoOn()) {
                acceptor = keytab;
                log.info("SPNEGO on for {} (keytab {})", kerberos.servicePrincipal(), kerberos.keytab());
            }
        }
        this.spnego = acceptor;
    }

    /** What a remembered login must still match: the stored hash, enabled flag, role and Slurm user; null when gone. */
    private static Object storedState(UserDetailsService localUsers, String name) {
        try {
            UserDetails user = localUsers.loadUserByUsername(name);
            return List.of(user.getPassword(), user.isEnabled(),
                    user instanceof WorkbenchPrincipal p ? p.user() : user.getAuthorities());
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }

    /** The local accounts' check, remembering passwords that passed. */
    RememberedLogins localLogins() {
        return localLogins;
    }

    /** Every login way the configuration turns on, for the form login and HTTP basic. */
    AuthenticationManager authenticationManager() {
        ProviderManager manager = new ProviderManager(providers);
        if (events != null) {
            manager.setAuthenticationEventPublisher(events);
        }
        return manager;
    }

    /** {@code entryPoint}, or with SPNEGO on, the Negotiate challenge in front of it. */
    AuthenticationEntryPoint apiEntryPoint(AuthenticationEntryPoint entryPoint) {
        return spnego == null ? entryPoint : SpnegoChallenge.api(entryPoint);
    }

    /** {@code entryPoint} (the redirect to the login form), or with SPNEGO on, 401 Negotiate with the form. */
    AuthenticationEntryPoint pageEntryPoint(AuthenticationEntryPoint entryPoint) {
        return spnego == null ? entryPoint : SpnegoChallenge.page();
    }

    /** Adds the SPNEGO filter when on (before HTTP basic, which would not know a Negotiate header). */
    void addFilters(HttpSecurity http, RequestMatcher api, AuthenticationEntryPoint apiEntryPoint) {
        if (spnego != null) {
            http.addFilterBefore(new SpnegoFilter(spnego, kerberos, accounts, api, apiEntryPoint), BasicAuthenticationFilter.class);
        }
    }
}
