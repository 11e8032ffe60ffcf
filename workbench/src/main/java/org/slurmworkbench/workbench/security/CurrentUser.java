package org.slurmworkbench.workbench.security;

import java.util.Optional;
import org.slurmworkbench.workbench.security.internal.WorkbenchPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is logged in on the current request. */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** The user of the current request, or empty when nobody is logged in. */
    public static Optional<WorkbenchUser> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof WorkbenchPrincipal p) {
            return Optional.of(p.user());
        }
        return Optional.empty();
    }

    /** The user of the current request. @throws IllegalStateException when nobody is logged in */
    public static WorkbenchUser require() {
        return get().orElseThrow(() -> new IllegalStateException("no user is logged in"));
    }
}
