package org.slurmworkbench.workbench.security.internal;

import java.time.Instant;
import org.slurmworkbench.workbench.security.Role;

/** A row of the {@code users} table. */
record UserAccount(long id, String username, String passwordHash, Role role, String slurmUser, boolean enabled,
                   Instant createdAt) {
}
