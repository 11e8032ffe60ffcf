package org.slurmworkbench.workbench.security.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slurmworkbench.workbench.security.Role;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.security.internal.UserAudit.Action;
import org.slurmworkbench.workbench.security.internal.UserAudit.Outcome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An admin's changes to a workbench user, shared by the admin page and the API: edit role and Slurm user, disable,
 * enable, reset the password, delete, unlock. The rules live here only: never oneself (delete, disable, demote),
 * never the last enabled admin; a Slurm user must be one of slurmdbd's when slurmdbd answers. Each attempt is audited
 * ({@link UserAudit}); a change that takes rights away (all but enable and unlock) ends the user's sessions, and
 * remembered logins see the changed record ({@link RememberedLogins}).
 */
@Component
class UserChanges {

    /** Why a change was refused: the status, the field at fault (or null) and a message key with its arguments. */
    static final class RefusedException extends RuntimeException {
        final HttpStatus status;
        final String field;
        final String key;
        final transient Object[] args;

        RefusedException(HttpStatus status, String field, String key, Object... args) {
            super(key);
            this.status = status;
            this.field = field;
            this.key = key;
            this.args = args;
        }
    }

    static final class NoSuchUserException extends RuntimeException {
        NoSuchUserException(String username) {
            super("no workbench user '" + LoginThrottle.printable(username) + "'");
        }
    }

    private static final String PASSWORD_CHARS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int GENERATED_LENGTH = 16;

    private final UserStore accounts;
    private final UserAudit audit;
    private final PasswordEncoder passwords;
    private final SlurmAccountAccess slurmdb;
    private final LoginThrottle throttle;
    private final TransactionTemplate tx;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;
    private final SecureRandom random = new SecureRandom();

    UserChanges(UserStore accounts, UserAudit audit, PasswordEncoder passwords, SlurmAccountAccess slurmdb,
                LoginThrottle throttle, TransactionTemplate tx, ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.accounts = accounts;
        this.audit = audit;
        this.passwords = passwords;
        this.slurmdb = slurmdb;
        this.throttle = throttle;
        this.tx = tx;
        this.sessions = sessions;
    }

    UserAccount find(String username) {
        return accounts.find(username).orElseThrow(() -> new NoSuchUserException(username));
    }

    /** slurmdbd's users to choose from, with {@code current} kept when slurmdbd does not know it (or is away). */
    List<String> slurmUserChoices(String current) {
        Set<String> out = new TreeSet<>(slurmdb.slurmUsers().orElse(Set.of()));
        if (current != null && !current.isBlank()) {
            out.add(current);
        }
        return List.copyOf(out);
    }

    /** @throws RefusedException 400 on {@code slurmUser} when slurmdbd answers and does not know the user */
    void checkSlurmUser(String slurmUser) {
        Optional<Set<String>> known = slurmdb.slurmUsers();
        if (known.isPresent() && !known.get().contains(slurmUser)) {
            throw new RefusedException(HttpStatus.BAD_REQUEST, "slurmUser", "user.slurmUser.unknown",
                    String.join(", ", known.get()));
        }
    }

    /** Audits a user just added (by {@link UserRegistration}). */
    void added(WorkbenchUser me, UserAccount user) {
        audit.record(me.username(), user.username(), Action.CREATE, Outcome.DONE,
                "role " + user.role() + ", Slurm user " + user.slurmUser());
    }

    /** New role and Slurm user ({@code null}: unchanged). */
    UserAccount edit(WorkbenchUser me, String username, Role role, String slurmUser) {
        UserAccount before = find(username);
        Role newRole = role == null ? before.role() : role;
        String newSlurmUser = slurmUser == null ? before.slurmUser() : slurmUser;
        List<String> changes = new ArrayList<>();
        if (newRole != before.role()) {
            changes.add("role " + before.role() + " -> " + newRole);
        }
        if (!newSlurmUser.equals(before.slurmUser())) {
            changes.add("Slurm user " + before.slurmUser() + " -> " + newSlurmUser);
        }
        if (changes.isEmpty()) {
            return before;
        }
        String details = String.join(", ", changes);
        if (!newSlurmUser.equals(before.slurmUser())) {
            refusedIf(me, username, Action.EDIT, details, () -> checkSlurmUser(newSlurmUser));
        }
        boolean demotes = before.role() == Role.ADMIN && newRole != Role.ADMIN;
        guarded(me, username, Action.EDIT, details, demotes, "user.refused.selfDemote",
                () -> accounts.update(username, newRole, newSlurmUser));
        return find(username);
    }

    UserAccount setEnabled(WorkbenchUser me, String username, boolean enabled) {
        UserAccount before = find(username);
        if (before.enabled() == enabled) {
            return before;
        }
        if (enabled) {
            accounts.setEnabled(username, true);
            audit.record(me.username(), username, Action.ENABLE, Outcome.DONE, "enabled");
        } else {
            guarded(me, username, Action.DISABLE, "disabled", true, "user.refused.selfDisable",
                    () -> accounts.setEnabled(username, false));
        }
        return find(username);
    }

    /**
     * Sets {@code typed} (already checked against the password rules), or when null a generated password; answers the
     * generated one, to be shown once, or null. Site logins (LDAP, Kerberos) have no workbench password to reset.
     */
    String resetPassword(WorkbenchUser me, String username, String typed) {
        UserAccount before = find(username);
        String details = typed == null ? "generated" : "typed by the admin";
        refusedIf(me, username, Action.RESET_PASSWORD, details, () -> {
            if (SiteAccounts.NO_LOCAL_PASSWORD.equals(before.passwordHash())) {
                throw new RefusedException(HttpStatus.CONFLICT, null, "user.refused.siteLogin", username);
            }
        });
        String password = typed != null ? typed : generate();
        accounts.setPasswordHash(username, passwords.encode(password));
        audit.record(me.username(), username, Action.RESET_PASSWORD, Outcome.DONE, details);
        if (!username.equals(me.username())) {
            endSessions(username);
        }
        return typed == null ? password : null;
    }

    void delete(WorkbenchUser me, String username) {
        UserAccount before = find(username);
        guarded(me, username, Action.DELETE, "role " + before.role() + ", Slurm user " + before.slurmUser(), true,
                "user.refused.selfDelete", () -> accounts.delete(username));
    }

    /** Clears the login throttle's counts of a name (which need not be a user: a name being guessed). */
    long unlock(WorkbenchUser me, String username) {
        long cleared = throttle.unlock(username);
        audit.record(me.username(), username, Action.UNLOCK, Outcome.DONE, cleared + " counters cleared");
        return cleared;
    }

    /**
     * Runs {@code change} with the enabled admins locked; when {@code removesRights}, refuses it for oneself
     * ({@code selfKey}) and for the last enabled admin. Audits the outcome and ends the user's sessions.
     */
    private void guarded(WorkbenchUser me, String username, Action action, String details, boolean removesRights,
                         String selfKey, Runnable change) {
        refusedIf(me, username, action, details, () -> tx.executeWithoutResult(status -> {
            List<String> admins = accounts.lockEnabledAdmins();
            if (accounts.find(username).isEmpty()) {
                throw new NoSuchUserException(username);
            }
            if (removesRights) {
                RefusedException refused = refusal(me.username(), username, admins, selfKey);
                if (refused != null) {
                    throw refused;
                }
            }
            change.run();
        }));
        audit.record(me.username(), username, action, Outcome.DONE, details);
        if (!username.equals(me.username())) { // one's own edit (Slurm user) applies at the next login
            endSessions(username);
        }
    }

    /**
     * Why {@code actor} may not take rights (admin role, enabled, the account) away from {@code target}, given the
     * enabled admins; null when they may. An enabled admin acting on the last enabled admin is acting on themself,
     * unless their own account changed meanwhile (another admin's change in the same moment): both are refused.
     */
    static RefusedException refusal(String actor, String target, List<String> enabledAdmins, String selfKey) {
        if (target.equals(actor)) {
            return new RefusedException(HttpStatus.CONFLICT, null, selfKey);
        }
        if (enabledAdmins.contains(target) && enabledAdmins.size() == 1) {
            return new RefusedException(HttpStatus.CONFLICT, null, "user.refused.lastAdmin", target);
        }
        return null;
    }

    /** Runs {@code check}; a refusal is audited with its reason before it is thrown on. */
    private void refusedIf(WorkbenchUser me, String username, Action action, String details, Runnable check) {
        try {
            check.run();
        } catch (RefusedException e) {
            audit.record(me.username(), username, action, Outcome.REFUSED, details, e.key);
            throw e;
        }
    }

    /** Ends every session of the user (sessions live in MariaDB, so on every instance). */
    private void endSessions(String username) {
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository != null) {
            repository.findByPrincipalName(username).keySet().forEach(repository::deleteById);
        }
    }

    private String generate() {
        StringBuilder out = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            out.append(PASSWORD_CHARS.charAt(random.nextInt(PASSWORD_CHARS.length())));
        }
        return out.toString();
    }
}
