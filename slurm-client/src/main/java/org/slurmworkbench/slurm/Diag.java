package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;

/**
 * Scheduler statistics from {@code /diag} (what {@code sdiag} prints): counters since the last reset (midnight or a
 * restart of slurmctld, {@code statisticsSince}) and the cost of scheduling cycles. Times are in microseconds as
 * Slurm reports them. The primitive fields are in every API version; a boxed one is null where the version does not
 * offer the field (e.g. {@code bf_last_depth} on v0.0.38, {@code bf_cycle_max} on v0.0.40), never 0 in its place.
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
        /** {@code bf_backfilled_jobs}: since slurmctld started, not reset with the other counters. */
        long backfilledJobs,
        Main main,
        Backfill backfill,
        Agents agents,
        List<RpcByType> rpcsByType,
        List<RpcByUser> rpcsByUser) {

    public Diag {
        rpcsByType = rpcsByType == null ? List.of() : List.copyOf(rpcsByType);
        rpcsByUser = rpcsByUser == null ? List.of() : List.copyOf(rpcsByUser);
    }

    /**
     * The main scheduler beyond the primitives: mean depth (jobs looked at per cycle), cycles per minute, the last
     * queue length, and the sum of depths ({@code schedule_cycle_depth}, v0.0.41+).
     */
    public record Main(Long meanDepth, Long cyclesPerMinute, Long queueLength, Long depthSum) {
    }

    /**
     * The backfill scheduler beyond the primitives: its longest cycle, how deep the last cycle went (all jobs and
     * those tried, v0.0.40+), the mean depth, the last queue length, the jobs it started since the statistics were
     * reset ({@code bf_last_backfilled_jobs}; {@link Diag#backfilledJobs()} counts since slurmctld started), when it
     * ran last and whether it is running now.
     */
    public record Backfill(Long cycleMaxMicros, Long lastDepth, Long lastDepthTried, Long meanDepth, Long queueLength,
                           Long jobsStartedSinceReset, Instant lastCycleAt, Boolean active) {
    }

    /** slurmctld's agents (threads that send RPCs to slurmd and slurmdbd) and the slurmdbd agent's queue. */
    public record Agents(Long count, Long threads, Long dbdQueueSize) {
    }

    /** One RPC type: how often slurmctld handled it and how long that took. */
    public record RpcByType(String type, int typeId, long count, long averageMicros, long totalMicros) {
    }

    /** The RPCs one user sent. */
    public record RpcByUser(String user, int userId, long count, long averageMicros, long totalMicros) {
    }

    /** All RPCs handled since the reset (the sum over the types). */
    public long rpcCount() {
        return rpcsByType.stream().mapToLong(RpcByType::count).sum();
    }
}
