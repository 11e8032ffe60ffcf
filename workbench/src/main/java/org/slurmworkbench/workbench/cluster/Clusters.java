package org.slurmworkbench.workbench.cluster;

import java.util.List;
import org.slurmworkbench.slurm.SlurmApi;

/**
 * The configured clusters: the way every other module reaches Slurm. Each cluster has one shared
 * {@code SlurmClient}; {@link #as} gives its API acting as a Slurm user (a short-lived token for that user is
 * minted or read per call). Reachability is probed with a short timeout and cached for a few seconds, so a dead
 * cluster never slows a caller down by more than that timeout, and usually not at all.
 */
public interface Clusters {

    /** Names of the configured clusters, in configuration order (configured ones first, then the lab's). */
    List<String> names();

    /** The status of every cluster; probes that are due run in parallel. */
    List<ClusterStatus> statuses();

    /** The status of one cluster. @throws UnknownClusterException when no such cluster is configured */
    ClusterStatus status(String cluster);

    /** Names of the clusters that answer now, in configuration order. */
    default List<String> reachable() {
        return statuses().stream().filter(ClusterStatus::reachable).map(ClusterStatus::name).toList();
    }

    /**
     * The cluster a page works on: {@code wanted} when given (an unknown one is a 404, never another cluster
     * silently), else the first reachable one, else null.
     */
    default String chosen(String wanted) {
        if (wanted != null && !wanted.isBlank()) {
            status(wanted);
            return wanted;
        }
        List<String> names = reachable();
        return names.isEmpty() ? null : names.getFirst();
    }

    /**
     * The cluster's API acting as {@code slurmUser}. Discovers the API version on first use, so it may throw
     * {@code SlurmException.Unavailable}. @throws UnknownClusterException when no such cluster is configured
     */
    SlurmApi as(String cluster, String slurmUser);

    /** Whose jobs ordinary users of the cluster see ({@code visible-jobs}). @throws UnknownClusterException when no such cluster is configured */
    VisibleJobs visibleJobs(String cluster);

    /** The cluster's API acting as its configured service user (discovery and reads shared by all viewers). */
    SlurmApi asServiceUser(String cluster);
}
