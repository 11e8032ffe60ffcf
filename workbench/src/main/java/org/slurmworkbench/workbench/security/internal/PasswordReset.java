package org.slurmworkbench.workbench.security.internal;

import jakarta.validation.constraints.Size;

/**
 * A new password an admin typed, under the rules of {@link NewUser}'s; blank or absent: the workbench makes one and
 * shows it once.
 */
record PasswordReset(
        @Size(min = 8, message = "{user.password.size}")
        @NewUser.MaxUtf8Bytes(72)
        String password) {

    PasswordReset {
        password = password == null || password.isEmpty() ? null : password;
    }
}
