package org.slurmworkbench.workbench.workload.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import org.slurmworkbench.workbench.shared.Percentiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of a run, from the times Slurm reported for each of its jobs: wait time, bounded slowdown (run time
 * counted as at least {@value #BSLD_THRESHOLD_SECONDS} s, so tiny jobs do not dominate), throughput, makespan and
 * utilization over time (allocated over available CPUs and GPUs), for all jobs, per user and per size class.
 * Computed over primitive columns of the jobs' times, one pass per group, and utilization by a sweep: a 100,000-job
 * run takes tens of milliseconds.
 */
record RunMetrics(Summary all, Map<String, Summary> byUser, Map<String, Summary> bySize, Utilization utilization,
                  List<JobTimes> jobs) {

    static final double BSLD_THRESHOLD_SECONDS = 10;
    private static final int MAX_POINTS = 200;
    private static final List<String> SIZES = List.of("1", "2-4", "5-16", "17-64", "65+");

    /** One Slurm job's times; start and end are null until they happened. */
    record JobTimes(long slurmJobId, int seq, String user, int cpus, int gpus, String state, Instant submit,
                    Instant start, Instant end) {

        /** Seconds from submission to start (null before the start). */
        @JsonProperty
        Double waitSeconds() {
            return submit == null || start == null ? null : seconds(submit, start);
        }

        /** Seconds from start to end (null before the end). */
        @JsonProperty
        Double runSeconds() {
            return start == null || end == null ? null : seconds(start, end);
        }

        @JsonProperty
        Double boundedSlowdown() {
            Double wait = waitSeconds();
            Double run = runSeconds();
            return wait == null || run == null ? null : slowdown(wait, run);
        }

        @JsonProperty
        String sizeClass() {
            return SIZES.get(sizeIndex(cpus));
        }
    }

    /** Mean, median, 95th percentile and maximum; null when there is no value. */
    record Stat(Double mean, Double p50, Double p95, Double max) {

        /** Sorts the first {@code n} values in place. */
        private static Stat sorted(double[] v, int n) {
            if (n == 0) {
                return new Stat(null, null, null, null);
            }
            Arrays.sort(v, 0, n);
            return new Stat(round(Arrays.stream(v, 0, n).average().orElse(0)), round(rank(v, n, 0.5)),
                    round(rank(v, n, 0.95)), round(v[n - 1]));
        }

        /** The app's one percentile ({@link Percentiles}) of the first {@code n} sorted values. */
        private static double rank(double[] sorted, int n, double p) {
            return Percentiles.linear(i -> sorted[i], n, p);
        }
    }

    /** One group of jobs. {@code throughputPerHour}: finished jobs per hour of makespan (first submit to last end). */
    record Summary(long jobs, long started, long finished, Stat waitSeconds, Stat boundedSlowdown,
                   Double throughputPerHour, Double makespanSeconds, double cpuHours) {

        /** The jobs at {@code index[0..n)} of the columns (all of them, in order, when index is null). */
        private static Summary of(Columns c, int[] index, int n) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            long started = 0;
            long finished = 0;
            double[] cpuRun = new double[n];
            int r = 0;
            double[] waits = new double[n];
            double[] slowdowns = new double[n];
            int w = 0;
            int s = 0;
            for (int k = 0; k < n; k++) {
                int i = index == null ? k : index[k];
                long submit = c.submit[i];
                long start = c.start[i];
                long end = c.end[i];
                if (submit != NONE) {
                    first = Math.min(first, submit);
                }
                if (end != NONE) {
                    last = Math.max(last, end);
                    finished++;
                }
                if (start == NONE) {
                    continue;
                }
                started++;
                Double wait = submit == NONE ? null : (start - submit) / 1000.0;
                if (wait != null) {
                    waits[w++] = wait;
                }
                if (end != NONE) {
                    double run = (end - start) / 1000.0;
                    cpuRun[r++] = c.cpus[i] * run;
                    if (wait != null) {
                        slowdowns[s++] = slowdown(wait, run);
                    }
                }
            }
            // summed as a stream sums (compensated), in the jobs' order
            double cpuSeconds = Arrays.stream(cpuRun, 0, r).sum();
            Double makespan = first == Long.MAX_VALUE || last == Long.MIN_VALUE ? null : (last - first) / 1000.0;
            return new Summary(n, started, finished, Stat.sorted(waits, w), Stat.sorted(slowdowns, s),
                    makespan == null || makespan <= 0 ? null : round(finished * 3600.0 / makespan), makespan,
                    round(cpuSeconds / 3600));
        }
    }

    /** Allocated share of the cluster's CPUs and GPUs, in percent, per step from the run's start. */
    record Utilization(Instant origin, long stepSeconds, List<Point> points, Double meanCpuPercent, Double meanGpuPercent) {
        record Point(long offsetSeconds, double cpuPercent, double gpuPercent) {
        }
    }

    static RunMetrics of(List<JobTimes> jobs, Instant origin, int capacityCpus, int capacityGpus, Instant now) {
        Columns c = new Columns(jobs, now);
        // group members as index lists, in the jobs' order
        Map<String, int[]> users = new TreeMap<>();
        Map<String, Integer> userCounts = new TreeMap<>();
        int[][] sizes = new int[SIZES.size()][];
        int[] sizeCounts = new int[SIZES.size()];
        for (JobTimes j : jobs) {
            userCounts.merge(j.user(), 1, Integer::sum);
            sizeCounts[sizeIndex(j.cpus())]++;
        }
        userCounts.forEach((user, count) -> users.put(user, new int[count]));
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = new int[sizeCounts[k]];
        }
        Map<String, Integer> userFill = new TreeMap<>();
        int[] sizeFill = new int[SIZES.size()];
        for (int i = 0; i < c.n; i++) {
            String user = jobs.get(i).user();
            int at = userFill.merge(user, 1, Integer::sum) - 1;
            users.get(user)[at] = i;
            int size = sizeIndex(c.cpus[i]);
            sizes[size][sizeFill[size]++] = i;
        }
        Map<String, Summary> byUser = new LinkedHashMap<>();
        users.forEach((user, index) -> byUser.put(user, Summary.of(c, index, index.length)));
        Map<String, Summary> bySize = new LinkedHashMap<>();
        for (int k = 0; k < sizes.length; k++) {
            if (sizes[k].length > 0) {
                bySize.put(SIZES.get(k), Summary.of(c, sizes[k], sizes[k].length));
            }
        }
        return new RunMetrics(Summary.of(c, null, c.n), byUser, bySize,
                utilization(c, origin, capacityCpus, capacityGpus), jobs);
    }

    /**
     * Sweeps every started job's allocation into at most {@value #MAX_POINTS} steps from the origin: a job adds its
     * share to the step it starts in and the one it ends in, and to the whole steps between through a difference
     * array, so the cost is one pass over the jobs plus one over the steps, however long the jobs run.
     */
    private static Utilization utilization(Columns c, Instant origin, int cpus, int gpus) {
        long fromMs = origin != null ? origin.toEpochMilli() : Long.MAX_VALUE;
        if (origin == null) {
            for (int i = 0; i < c.n; i++) {
                if (c.submit[i] != NONE) {
                    fromMs = Math.min(fromMs, c.submit[i]);
                }
            }
        }
        long toMs = Long.MIN_VALUE;
        for (int i = 0; i < c.n; i++) {
            if (c.start[i] != NONE) {
                toMs = Math.max(toMs, c.endOrNow(i));
            }
        }
        Instant from = fromMs == Long.MAX_VALUE ? null : origin != null ? origin : Instant.ofEpochMilli(fromMs);
        if (from == null || toMs == Long.MIN_VALUE || toMs <= fromMs || cpus <= 0) {
            return new Utilization(from, 1, List.of(), null, null);
        }
        long spanMs = toMs - fromMs;
        long stepMs = Math.max(1000, (long) Math.ceil(spanMs / (double) MAX_POINTS / 1000) * 1000);
        int n = (int) ((spanMs + stepMs - 1) / stepMs);
        long[] cpuMs = new long[n];
        long[] gpuMs = new long[n];
        long[] cpuFull = new long[n + 1];
        long[] gpuFull = new long[n + 1];
        long totalCpu = 0;
        long totalGpu = 0;
        for (int i = 0; i < c.n; i++) {
            if (c.start[i] == NONE) {
                continue;
            }
            long a = Math.max(0, c.start[i] - fromMs);
            long b = Math.min(spanMs, c.endOrNow(i) - fromMs);
            if (a >= b) {
                continue;
            }
            int jc = c.cpus[i];
            int jg = c.gpus[i];
            int first = (int) (a / stepMs);
            int last = (int) ((b - 1) / stepMs);
            if (first == last) {
                cpuMs[first] += jc * (b - a);
                gpuMs[first] += jg * (b - a);
            } else {
                long head = (first + 1) * stepMs - a;
                long tail = b - last * stepMs;
                cpuMs[first] += jc * head;
                gpuMs[first] += jg * head;
                cpuMs[last] += jc * tail;
                gpuMs[last] += jg * tail;
                cpuFull[first + 1] += jc;
                cpuFull[last] -= jc;
                gpuFull[first + 1] += jg;
                gpuFull[last] -= jg;
            }
            totalCpu += jc * (b - a);
            totalGpu += jg * (b - a);
        }
        List<Utilization.Point> points = new ArrayList<>(n);
        long cpusNow = 0;
        long gpusNow = 0;
        for (int k = 0; k < n; k++) {
            cpusNow += cpuFull[k];
            gpusNow += gpuFull[k];
            double cpu = cpuMs[k] + (double) cpusNow * stepMs;
            double gpu = gpuMs[k] + (double) gpusNow * stepMs;
            long len = Math.min(stepMs, spanMs - k * stepMs);
            points.add(new Utilization.Point(k * stepMs / 1000, round(100 * cpu / (cpus * (double) len)),
                    gpus <= 0 ? 0 : round(100 * gpu / (gpus * (double) len))));
        }
        return new Utilization(from, stepMs / 1000, points, round(100 * (double) totalCpu / (cpus * (double) spanMs)),
                gpus <= 0 ? null : round(100 * (double) totalGpu / (gpus * (double) spanMs)));
    }

    private static final long NONE = Long.MIN_VALUE;

    /** The jobs' times as epoch milliseconds ({@link #NONE} where not yet known) and their sizes, index by index. */
    private static final class Columns {
        final int n;
        final long[] submit;
        final long[] start;
        final long[] end;
        final int[] cpus;
        final int[] gpus;
        final long now;

        Columns(List<JobTimes> jobs, Instant now) {
            n = jobs.size();
            submit = new long[n];
            start = new long[n];
            end = new long[n];
            cpus = new int[n];
            gpus = new int[n];
            this.now = now == null ? NONE : now.toEpochMilli();
            for (int i = 0; i < n; i++) {
                JobTimes j = jobs.get(i);
                submit[i] = millis(j.submit());
                start[i] = millis(j.start());
                end[i] = millis(j.end());
                cpus[i] = j.cpus();
                gpus[i] = j.gpus();
            }
        }

        long endOrNow(int i) {
            return end[i] == NONE ? now : end[i];
        }

        private static long millis(Instant t) {
            return t == null ? NONE : t.toEpochMilli();
        }
    }

    private static int sizeIndex(int cpus) {
        return cpus <= 1 ? 0 : cpus <= 4 ? 1 : cpus <= 16 ? 2 : cpus <= 64 ? 3 : 4;
    }

    private static double slowdown(double wait, double run) {
        return Math.max(1, (wait + run) / Math.max(run, BSLD_THRESHOLD_SECONDS));
    }

    private static double seconds(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() / 1000.0;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
