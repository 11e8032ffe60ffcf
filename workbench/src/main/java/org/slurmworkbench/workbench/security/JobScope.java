package org.slurmworkbench.workbench.security;

import java.util.Set;

/**
 * The jobs of a cluster one user may see: every job ({@code everything}), or those of their own Slurm user and of the
 * {@code accounts} named (coordinated ones, and under {@code visible-jobs: accounts} those they belong to).
 */
public record JobScope(boolean everything, String user, Set<String> accounts) {

    public JobScope {
        accounts = Set.copyOf(accounts);
    }

    public static JobScope all() {
        return new JobScope(true, null, Set.of());
    }

    public boolean includes(String owner, String account) {
        return everything || user != null && user.equals(owner) || account != null && accounts.contains(account);
    }
}
