package org.slurmworkbench.workbench.security.internal;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Adds a validated {@link NewUser}, hashing the password with bcrypt. Shared by the admin page and the API. */
@Component
class UserRegistration {

    private final UserStore accounts;
    private final PasswordEncoder passwords;

    UserRegistration(UserStore accounts, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    /** @throws UsernameTakenException when the name is in use */
    UserAccount register(NewUser user) {
        if (accounts.exists(user.username())) {
            throw new UsernameTakenException(user.username());
        }
        try {
            return accounts.create(user.username(), passwords.encode(user.password()), user.role(), user.slurmUser());
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
