package org.slurmworkbench.workbench.security.internal;

import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Adds a validated {@link NewUser}, hashing the password with bcrypt, and audits it. Shared by the admin page and the API. */
@Component
class UserRegistration {

    private final UserStore accounts;
    private final PasswordEncoder passwords;
    private final UserChanges changes;

    UserRegistration(UserStore accounts, PasswordEncoder passwords, UserChanges changes) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.changes = changes;
    }

    /**
     * @throws UsernameTakenException when the name is in use
     * @throws UserChanges.RefusedException when slurmdbd answers and does not know the Slurm user
     */
    UserAccount register(WorkbenchUser me, NewUser user) {
        if (accounts.exists(user.username())) {
            throw new UsernameTakenException(user.username());
        }
        changes.checkSlurmUser(user.slurmUser());
        try {
            UserAccount added = accounts.create(user.username(), passwords.encode(user.password()), user.role(), user.slurmUser());
            changes.added(me, added);
            return added;
        } catch (DuplicateKeyException e) {
            throw new UsernameTakenException(user.username());
        }
    }

    static final class UsernameTakenException extends RuntimeException {
        UsernameTakenException(String username) {
            super("username '" + username + "' is already taken");
        }
    }
}
