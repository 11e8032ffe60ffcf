package org.slurmworkbench.workbench.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A cluster's utilization between {@code from} and {@code to}, one point per {@code stepSeconds}, read from rows of
 * {@code resolutionSeconds} (1 min, 1 h or 1 d). Values are averages over the samples in each step; steps without
 * samples are left out. {@code total} is the whole cluster, {@code partitions} the same per partition.
 */
public record Utilization(String cluster, Instant from, Instant to, long stepSeconds, long resolutionSeconds,
                          List<Point> total, Map<String, List<Point>> partitions) {

    public record Point(Instant time, int samples, double cpusTotal, double cpusAllocated, double gpusTotal,
                        double gpusAllocated, double jobsRunning, double jobsPending) {
    }
}
