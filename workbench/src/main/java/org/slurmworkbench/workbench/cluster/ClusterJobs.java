package org.slurmworkbench.workbench.cluster;

import java.util.List;
import org.slurmworkbench.slurm.Job;

/**
 * Every job of a cluster as its service user sees it, shared by all readers of this instance (dashboard, job
 * lists): at most {@code workbench.cluster-jobs.max-age} old, one read per cluster in flight, and re-read at once
 * after any write this instance sent to that cluster's job endpoints, so a user sees the job they just submitted.
 * When slurmctld says nothing changed (HTTP 304 on {@code update_time}) the last list is kept.
 */
public interface ClusterJobs {

    /**
     * @throws UnknownClusterException when no such cluster is configured
     * @throws org.slurmworkbench.slurm.SlurmException when slurmrestd cannot be reached or refuses
     */
    List<Job> jobs(String cluster);

    /**
     * The same list, but a reader that can live with an older one (up to {@code maxStale}) does not wait while it is
     * re-read: it gets the last one and the re-read starts in the background. After a write of this instance it
     * waits as {@link #jobs} does, so nobody misses what they just did.
     */
    default List<Job> jobsOrLast(String cluster, java.time.Duration maxStale) {
        return jobs(cluster);
    }

    /**
     * The list last read, whatever its age, without reading (null when this instance has not read the cluster's jobs
     * yet): for readers that must cost slurmrestd nothing, such as the Prometheus gauges.
     */
    default List<Job> lastRead(String cluster) {
        return null;
    }
}
