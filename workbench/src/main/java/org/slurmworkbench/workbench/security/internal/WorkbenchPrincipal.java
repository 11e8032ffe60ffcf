package org.slurmworkbench.workbench.security.internal;

import java.util.List;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The Spring Security principal of a workbench user; carries the {@link WorkbenchUser} for the rest of the app. */
public class WorkbenchPrincipal extends User {

    private final WorkbenchUser user;

    WorkbenchPrincipal(UserAccount account) {
        super(account.username(), account.passwordHash(), account.enabled(), true, true, true,
                List.of(new SimpleGrantedAuthority(account.role().authority())));
        this.user = new WorkbenchUser(account.username(), account.role(), account.slurmUser());
    }

    public WorkbenchUser user() {
        return user;
    }
}
