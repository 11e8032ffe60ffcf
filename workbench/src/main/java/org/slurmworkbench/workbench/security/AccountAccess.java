package org.slurmworkbench.workbench.security;

import java.util.Map;
import java.util.Set;

/**
 * What slurmdbd says about a user's accounts, for the access rules of every module: the accounts a user
 * coordinates ({@code sacctmgr add coordinator}; Slurm lets a coordinator see and act on those accounts' jobs) and
 * the accounts a user has an association in, and from these with the cluster's {@code visible-jobs} whose jobs a user
 * sees. Read as the cluster's service user and reused briefly
 * ({@code workbench.security.coordinator-ttl}); a cluster that cannot be asked counts as granting nothing.
 */
public interface AccountAccess {

    /** The accounts {@code user}'s Slurm user coordinates on {@code cluster}. */
    Set<String> coordinated(String cluster, WorkbenchUser user);

    /** The accounts {@code user}'s Slurm user coordinates, per reachable cluster (clusters without any left out). */
    Map<String, Set<String>> coordinated(WorkbenchUser user);

    /** The accounts {@code user}'s Slurm user has an association in, over every reachable cluster. */
    Set<String> memberOf(WorkbenchUser user);

    /** The Slurm users with an association in an account {@code user} coordinates, over every reachable cluster. */
    Set<String> coordinatedUsers(WorkbenchUser user);

    /**
     * The jobs of {@code cluster} that {@code user} may see: admins all; others as the cluster's {@code visible-jobs}
     * says, always with their own and those of the accounts they coordinate.
     */
    JobScope jobScope(String cluster, WorkbenchUser user);

    /** Whether {@code user} may see a job of {@code owner} in {@code account} on {@code cluster} (see {@link #jobScope}). */
    default boolean maySee(String cluster, WorkbenchUser user, String owner, String account) {
        return jobScope(cluster, user).includes(owner, account);
    }

    /** Whether {@code user} may see and act on a job of {@code owner} in {@code account} on {@code cluster}. */
    default boolean mayActOn(String cluster, WorkbenchUser user, String owner, String account) {
        return user.isAdmin() || user.slurmUser().equals(owner)
                || account != null && coordinated(cluster, user).contains(account);
    }
}
