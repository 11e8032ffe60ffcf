package org.slurmworkbench.workbench.dashboard;

/**
 * The current overview of a cluster, shared by all viewers: served from a short-lived cache, refreshed in the
 * background once it is older than its TTL, and, when slurmrestd cannot be reached, the last known one marked
 * {@code stale} with its age. Never throws for an unreachable cluster.
 */
public interface Overviews {

    /** @throws org.slurmworkbench.workbench.cluster.UnknownClusterException when no such cluster is configured */
    Overview overview(String cluster);
}
