package org.slurmworkbench.workbench.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slurmworkbench.slurm.Diag;

/**
 * One scheduler sample as the history adds it: what sdiag's counters grew by since the previous reading (none for
 * the first, the counts since the reset after one) over {@code countedSeconds}, the longest cycles seen, and gauges.
 * Used by the history collector and by workload runs (what the scheduler did during a run).
 */
public record SchedulerSample(Instant at, long countedSeconds, long mainCycles, long mainCycleMicros, long mainLongest,
                       long backfillCycles, long backfillCycleMicros, long backfillLongest, long jobsStarted,
                       long backfillJobsStarted, long rpcs, long serverThreads, long agentQueue, long mainQueue,
                       long backfillQueue) {

    /** The sample of {@code current} after {@code previous} (null: none yet); null when it is the same reading. */
    public static SchedulerSample of(Diag previous, Diag current) {
        Instant at = current.requestTime();
        if (at == null || previous != null && !at.isAfter(previous.requestTime())) {
            return null;
        }
        long mainQueue = orZero(current.main().queueLength());
        long bfQueue = orZero(current.backfill().queueLength());
        if (previous == null) {
            return new SchedulerSample(at, 0, 0, 0, current.scheduleCycleLastMicros(), 0, 0,
                    current.backfillCycleLastMicros(), 0, 0, 0, current.serverThreadCount(), current.agentQueueSize(),
                    mainQueue, bfQueue);
        }
        boolean reset = !Objects.equals(previous.statisticsSince(), current.statisticsSince());
        Diag p = reset ? null : previous; // after a reset the counters count from 0
        Instant since = reset ? (current.statisticsSince() != null ? current.statisticsSince() : previous.requestTime())
                : previous.requestTime();
        long seconds = Math.max(0, Duration.between(since, at).toSeconds());
        long bfMax = current.backfill().cycleMaxMicros() == null ? -1 : current.backfill().cycleMaxMicros();
        long bfMaxBefore = p == null || p.backfill().cycleMaxMicros() == null ? -1 : p.backfill().cycleMaxMicros();
        return new SchedulerSample(at, seconds,
                grew(current.scheduleCycleCount(), p == null ? 0 : p.scheduleCycleCount()),
                grew(cycleMicros(current.scheduleCycleMeanMicros(), current.scheduleCycleCount()),
                        p == null ? 0 : cycleMicros(p.scheduleCycleMeanMicros(), p.scheduleCycleCount())),
                p == null || current.scheduleCycleMaxMicros() > p.scheduleCycleMaxMicros()
                        ? current.scheduleCycleMaxMicros() : current.scheduleCycleLastMicros(),
                grew(current.backfillCycleCount(), p == null ? 0 : p.backfillCycleCount()),
                grew(cycleMicros(current.backfillCycleMeanMicros(), current.backfillCycleCount()),
                        p == null ? 0 : cycleMicros(p.backfillCycleMeanMicros(), p.backfillCycleCount())),
                bfMax >= 0 && (p == null || bfMax > bfMaxBefore) ? bfMax : current.backfillCycleLastMicros(),
                grew(current.jobsStarted(), p == null ? 0 : p.jobsStarted()),
                grew(backfilled(current), p == null ? 0 : backfilled(p)),
                grew(current.rpcCount(), p == null ? 0 : p.rpcCount()),
                current.serverThreadCount(), current.agentQueueSize(), mainQueue, bfQueue);
    }

    /** Slurm keeps the mean (total / count, rounded down), not the total: mean x count is the total within count µs. */
    private static long cycleMicros(long mean, long count) {
        return mean * count;
    }

    /** Backfill starts since the reset, like the other counters (bf_backfilled_jobs runs since slurmctld started). */
    private static long backfilled(Diag d) {
        Long sinceReset = d.backfill().jobsStartedSinceReset();
        return sinceReset != null ? sinceReset : d.backfilledJobs();
    }

    private static long grew(long now, long before) {
        return Math.max(0, now - before);
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }
}
