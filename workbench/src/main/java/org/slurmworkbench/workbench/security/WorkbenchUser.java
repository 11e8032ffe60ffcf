package org.slurmworkbench.workbench.security;

/** A logged-in workbench user and the Slurm user the workbench acts as on their behalf. */
public record WorkbenchUser(String username, Role role, String slurmUser) implements java.io.Serializable {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
