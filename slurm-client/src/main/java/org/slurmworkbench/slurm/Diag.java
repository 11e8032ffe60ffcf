package org.slurmworkbench.slurm;

import java.time.Instant;

/**
 * Scheduler statistics from {@code /diag}: counters since the last reset and the cost of scheduling cycles.
 * Times are in microseconds as Slurm reports them.
 */
public record Diag(
        Instant requestTime,
        Instant statisticsSince,
        int serverThreadCount,
        int agentQueueSize,
        int jobsSubmitted,
        int jobsStarted,
        int jobsCompleted,
        int jobsCanceled,
        int jobsFailed,
        int jobsPending,
        int jobsRunning,
        long scheduleCycleLastMicros,
        long scheduleCycleMeanMicros,
        long scheduleCycleMaxMicros,
        long scheduleCycleCount,
        long backfillCycleLastMicros,
        long backfillCycleMeanMicros,
        long backfillCycleCount,
        long backfilledJobs) {
}
