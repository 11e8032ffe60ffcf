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
}
