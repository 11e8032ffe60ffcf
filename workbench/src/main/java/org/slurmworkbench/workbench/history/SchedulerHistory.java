package org.slurmworkbench.workbench.history;

import java.time.Instant;
import java.util.List;

/**
 * What a cluster's schedulers did between {@code from} and {@code to}, one point per {@code stepSeconds}, read from
 * rows of {@code resolutionSeconds} (1 min, 1 h or 1 d); steps without samples are left out. Counts are what sdiag's
 * counters grew by in the step ({@code countedSeconds} of it were covered by two samples); rates are per minute over
 * those seconds and null when none were. Cycle times are in microseconds: the mean over the step's cycles (null
 * without cycles) and the longest seen. Gauges are averages over the samples.
 */
public record SchedulerHistory(String cluster, Instant from, Instant to, long stepSeconds, long resolutionSeconds,
                               List<Point> points) {

    public record Point(Instant time, int samples, long countedSeconds,
                        long mainCycles, Double mainCycleMeanMicros, long mainCycleLongestMicros,
                        long backfillCycles, Double backfillCycleMeanMicros, long backfillCycleLongestMicros,
                        long jobsStarted, long jobsStartedByMain, long jobsStartedByBackfill, long rpcs,
                        Double jobsStartedPerMinute, Double jobsStartedByMainPerMinute,
                        Double jobsStartedByBackfillPerMinute, Double rpcsPerMinute,
                        double serverThreads, double agentQueueSize, double mainQueueLength,
                        double backfillQueueLength) {
    }
}
