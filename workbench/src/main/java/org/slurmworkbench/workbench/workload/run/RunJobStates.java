package org.slurmworkbench.workbench.workload.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.springframework.stereotype.Component;

/**
 * The Slurm states of a run's jobs, counted from the cluster's shared job list (no Slurm read of its own): each of
 * its jobs is named {@code wb-<run>-<seq>}, each array task counted on its own. Jobs that ended long enough ago have
 * left slurmctld's list ({@code MinJobAge}); the analysis has them from accounting.
 */
@Component
class RunJobStates {

    private static final Logger log = LoggerFactory.getLogger(RunJobStates.class);
    /** As the job pages: the shared list may be this old (it is renewed in the background). */
    private static final Duration STALE = Duration.ofSeconds(30);

    /** Counts by state; {@code unavailable} when the list could not be read. */
    record Counts(Map<String, Long> byState, long total, boolean unavailable) {
    }

    private final ClusterJobs clusterJobs;

    RunJobStates(ClusterJobs clusterJobs) {
        this.clusterJobs = clusterJobs;
    }

    Counts of(Run run) {
        List<Job> jobs;
        try {
            jobs = clusterJobs.jobsOrLast(run.cluster(), STALE);
        } catch (SlurmException e) {
            log.debug("job states of run {}: {}", run.id(), e.getMessage());
            return new Counts(Map.of(), 0, true);
        }
        String prefix = Run.jobNamePrefix(run.id());
        Map<String, Long> byState = new TreeMap<>();
        jobs.stream().filter(j -> j.name() != null && j.name().startsWith(prefix))
                .forEach(j -> byState.merge(j.state(), 1L, Long::sum));
        return new Counts(byState, byState.values().stream().mapToLong(Long::longValue).sum(), false);
    }
}
