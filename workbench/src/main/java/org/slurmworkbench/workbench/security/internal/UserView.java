package org.slurmworkbench.workbench.security.internal;

import java.time.Instant;
import org.slurmworkbench.workbench.security.Role;

/** A user as the API and the admin page show it: never the password hash. */
record UserView(String username, Role role, String slurmUser, boolean enabled, Instant createdAt) {

    static UserView of(UserAccount a) {
        return new UserView(a.username(), a.role(), a.slurmUser(), a.enabled(), a.createdAt());
    }
}
