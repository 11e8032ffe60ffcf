package org.slurmworkbench.workbench.scheduler;

/**
 * The current {@code /diag} reading of a cluster, shared by all viewers of this instance and the history collector:
 * younger than a few seconds it is served as is; older, one read per cluster renews it (callers wait briefly for it)
 * and, when slurmrestd does not answer, the last one is served marked stale. Never throws for an unreachable cluster.
 */
public interface SchedulerReadings {

    /** @throws org.slurmworkbench.workbench.cluster.UnknownClusterException when no such cluster is configured */
    SchedulerReading reading(String cluster);

    /**
     * The last reading, whatever its age, without reading (null when there is none yet): the history collector renews
     * it every {@code workbench.history.interval}; for readers that must cost slurmrestd nothing.
     */
    default SchedulerReading last(String cluster) {
        return null;
    }
}
