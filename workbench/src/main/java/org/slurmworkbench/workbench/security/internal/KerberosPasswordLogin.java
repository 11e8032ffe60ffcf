package org.slurmworkbench.workbench.security.internal;

import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.security.Role;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * A password checked against the KDC: the JDK's JAAS {@code Krb5LoginModule} asks the KDC for a ticket-granting ticket
 * with it (the ticket is dropped at once; the workbench acts in Slurm with its own tokens). With a keytab, the answer
 * is verified with a service ticket for the workbench itself (see {@link SpnegoAcceptor#verify}). spring-security-kerberos
 * was not used: its newest release (2.1.1) is built for Spring Security 6.3, and the JDK's classes need no more code.
 */
final class KerberosPasswordLogin implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(KerberosPasswordLogin.class);
    private static final Configuration JAAS = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[]{new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                    Map.of("useTicketCache", "false", "storeKey", "false", "isInitiator", "true"))};
        }
    };

    private final KerberosLoginProperties properties;
    private final SiteAccounts accounts;
    private final SpnegoAcceptor keytab;

    /** @param keytab the service's keytab, to verify the KDC's answer with (null when none is configured) */
    KerberosPasswordLogin(KerberosLoginProperties properties, SiteAccounts accounts, SpnegoAcceptor keytab) {
        this.properties = properties;
        this.accounts = accounts;
        this.keytab = keytab;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String principal = KerberosNames.principal(login.getName(), properties.realm());
        KerberosNames.user(principal, properties.realm()); // another realm's user is refused before asking the KDC
        char[] password = String.valueOf(login.getCredentials()).toCharArray();
        String confirmed;
        try {
            LoginContext context = kdcLogin(principal, password);
            confirmed = context.getSubject().getPrincipals(KerberosPrincipal.class).iterator().next().getName();
            if (keytab != null && !confirmed.equals(keytab.verify(context.getSubject()))) {
                throw new LoginException("the service ticket names another client");
            }
            context.logout();
        } catch (LoginException | GSSException e) {
            log.info("Kerberos password login of '{}' refused: {}", principal, e.getMessage());
            throw new BadCredentialsException("Kerberos refused the password");
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        String user = KerberosNames.user(confirmed, properties.realm());
        WorkbenchPrincipal p = accounts.login(user, SiteAccounts.Source.KERBEROS, roleOf(user, properties));
        log.info("Kerberos password login of {} as Slurm user {}", confirmed, user);
        return UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities());
    }

    /** Asks the KDC for a ticket-granting ticket with the password; the logged-in context holds it. */
    static LoginContext kdcLogin(String principal, char[] password) throws LoginException {
        LoginContext context = new LoginContext("workbench-kerberos", new Subject(), callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback n) {
                    n.setName(principal);
                } else if (callback instanceof PasswordCallback p) {
                    p.setPassword(password);
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }, JAAS);
        context.login();
        return context;
    }

    static Role roleOf(String user, KerberosLoginProperties properties) {
        return properties.admins().contains(user) ? Role.ADMIN : Role.USER;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
