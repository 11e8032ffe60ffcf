package org.slurmworkbench.workbench.workload.run;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A stored run. {@code rateLimit} is submissions per second, 0 for no limit; {@code pausedMillis} is the time spent
 * paused so far, which shifts every arrival offset still to come.
 */
public record Run(
        String id,
        String cluster,
        String source,
        long seed,
        // stored as JSON text; answered as the JSON object it is, not a string holding JSON
        @JsonRawValue @Schema(implementation = Object.class, types = {"object", "null"}, description = "what the plan was made from: the "
                + "generator's parameters, or an SWF import's file and options; null for explicit jobs") String parameters,
        RunState state,
        int concurrency,
        int rateLimit,
        boolean scancelOnCancel,
        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant pausedAt,
        long pausedMillis,
        Instant finishedAt,
        Integer capacityCpus,
        Integer capacityGpus,
        Instant analysedAt) {

    /** The Slurm job name of a submission: what a restart looks Slurm's jobs up by. */
    static String jobName(String runId, int seq) {
        return jobNamePrefix(runId) + seq;
    }

    /** What every job name of the run starts with. */
    static String jobNamePrefix(String runId) {
        return "wb-" + runId + "-";
    }

    /** The job comment: the run and sequence number again, for people reading squeue or sacct. */
    static String jobComment(String runId, int seq) {
        return "workbench run " + runId + " seq " + seq;
    }

    /** The sequence number in a job name of this run, or -1 when the name is not one of its jobs. */
    int seqOf(String jobName) {
        String prefix = "wb-" + id + "-";
        if (jobName == null || !jobName.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(jobName.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
