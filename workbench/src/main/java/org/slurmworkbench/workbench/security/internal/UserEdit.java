package org.slurmworkbench.workbench.security.internal;

import jakarta.validation.constraints.Pattern;
import org.slurmworkbench.workbench.security.Role;

/**
 * An admin's change to a user, from the user page's form or {@code PATCH /api/v1/users/{username}}: a field left
 * null stays as it is. The Slurm user must also be one of slurmdbd's ({@link UserChanges#checkSlurmUser}).
 */
record UserEdit(
        Role role,
        @Pattern(regexp = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}", message = "{user.slurmUser.pattern}")
        String slurmUser,
        Boolean enabled) {
}
