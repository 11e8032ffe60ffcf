package org.slurmworkbench.workbench.security.internal;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.security.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.stereotype.Repository;

/**
 * The local record of a user who logs in through the site (LDAP or Kerberos): created at the first login, its role
 * and Slurm user brought up to date at each one, so the rest of the app (user list, {@code CurrentUser}, Slurm
 * tokens) sees one kind of user. The workbench user name and the Slurm user are the site's user name.
 */
@Repository
class SiteAccounts {

    /** Where a user logs in. LOCAL accounts are never taken over by a site login of the same name. */
    enum Source { LOCAL, LDAP, KERBEROS }

    /**
     * Stored instead of a password hash: not a bcrypt hash, so the local password check never matches it and a site
     * user cannot log in with a password the workbench would keep.
     */
    static final String NO_LOCAL_PASSWORD = "!site-login";

    private static final Logger log = LoggerFactory.getLogger(SiteAccounts.class);
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9_][a-z0-9_.-]{0,63}");

    private final JdbcClient jdbc;
    private final UserStore accounts;
    private final org.springframework.context.ApplicationEventPublisher events;

    SiteAccounts(JdbcClient jdbc, UserStore accounts, org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.events = events;
    }

    /** {@link #login(String, Source, Role, String)} for a site that gives no mail address (Kerberos). */
    WorkbenchPrincipal login(String name, Source source, Role role) {
        return login(name, source, role, null);
    }

    /**
     * Records a successful site login of {@code name} (already checked by the site) and answers its principal.
     *
     * @throws BadCredentialsException when the name is no usable Unix/Slurm user name or belongs to a local account
     * @throws DisabledException when an admin disabled the user in the workbench
     */
    WorkbenchPrincipal login(String name, Source source, Role role, String mail) {
        if (!NAME.matcher(name).matches()) {
            log.warn("{} login of '{}' refused: not a lower-case Unix/Slurm user name", source, name);
            throw new BadCredentialsException("not a Slurm user name");
        }
        Optional<String> existing = sourceOf(name);
        if (existing.isEmpty()) {
            try {
                jdbc.sql("INSERT INTO users (username, password_hash, role, slurm_user, enabled, login_source) "
                                + "VALUES (?, ?, ?, ?, TRUE, ?)")
                        .params(name, NO_LOCAL_PASSWORD, role.name(), name, source.name()).update();
                log.info("{} login created workbench user '{}' (role {}, Slurm user {})", source, name, role, name);
            } catch (DuplicateKeyException e) {
                existing = sourceOf(name); // a concurrent first login of the same user: update below
            }
        }
        if (existing.isPresent()) {
            if (existing.get().equals(Source.LOCAL.name())) {
                log.warn("{} login of '{}' refused: a local workbench account has that name", source, name);
                throw new BadCredentialsException("name held by a local account");
            }
            jdbc.sql("UPDATE users SET role = ?, slurm_user = ?, login_source = ? WHERE username = ? AND login_source <> 'LOCAL'")
                    .params(role.name(), name, source.name(), name).update();
        }
        UserAccount account = accounts.find(name).orElseThrow();
        if (!account.enabled()) {
            log.info("{} login of '{}' refused: disabled in the workbench", source, name);
            throw new DisabledException("disabled");
        }
        events.publishEvent(new org.slurmworkbench.workbench.security.SiteLogin(name, mail == null || mail.isBlank() ? null
                : mail.strip()));
        return new WorkbenchPrincipal(account);
    }

    private Optional<String> sourceOf(String name) {
        return jdbc.sql("SELECT login_source FROM users WHERE username = ?").param(name).query(String.class).optional();
    }
}
