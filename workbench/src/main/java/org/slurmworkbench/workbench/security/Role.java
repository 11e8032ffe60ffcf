package org.slurmworkbench.workbench.security;

/** What a workbench user may do: USER acts in Slurm as their own Slurm user; ADMIN also manages the workbench. */
public enum Role {
    USER,
    ADMIN;

    /** The Spring Security authority, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
