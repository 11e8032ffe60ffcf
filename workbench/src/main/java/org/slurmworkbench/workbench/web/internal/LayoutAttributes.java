package org.slurmworkbench.workbench.web.internal;

import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout shows: the logged-in user and their Slurm user. */
@ControllerAdvice
class LayoutAttributes {

    @ModelAttribute("me")
    WorkbenchUser me() {
        return CurrentUser.get().orElse(null);
    }
}
