package org.slurmworkbench.workbench.workload.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The numbers of a run, from the times Slurm reported for each of its jobs: wait time, bounded slowdown (run time
 * counted as at least {@value #BSLD_THRESHOLD_SECONDS} s, so tiny jobs do not dominate), throughput, makespan and
 * utilization over time (allocated over available CPUs and GPUs), for all jobs, per user and per size class.
 */
record RunMetrics(Summary all, Map<String, Summary> byUser, Map<String, Summary> bySize, Utilization utilization,
                  List<JobTimes> jobs) {

    static final double BSLD_THRESHOLD_SECONDS = 10;
    private static final int MAX_POINTS = 200;

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
            return wait == null || run == null ? null : Math.max(1, (wait + run) / Math.max(run, BSLD_THRESHOLD_SECONDS));
        }

        @JsonProperty
        String sizeClass() {
            return cpus <= 1 ? "1" : cpus <= 4 ? "2-4" : cpus <= 16 ? "5-16" : cpus <= 64 ? "17-64" : "65+";
        }
    }

    /** Mean, median, 95th percentile and maximum; null when there is no value. */
    record Stat(Double mean, Double p50, Double p95, Double max) {

        static Stat of(double[] values) {
            if (values.length == 0) {
                return new Stat(null, null, null, null);
            }
            double[] v = values.clone();
            Arrays.sort(v);
            return new Stat(round(Arrays.stream(v).average().orElse(0)), round(rank(v, 0.5)), round(rank(v, 0.95)),
                    round(v[v.length - 1]));
        }

        /** Nearest-rank percentile. */
        private static double rank(double[] sorted, double p) {
            return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    /** One group of jobs. {@code throughputPerHour}: finished jobs per hour of makespan (first submit to last end). */
    record Summary(long jobs, long started, long finished, Stat waitSeconds, Stat boundedSlowdown,
                   Double throughputPerHour, Double makespanSeconds, double cpuHours) {

        static Summary of(List<JobTimes> jobs) {
            Instant first = jobs.stream().map(JobTimes::submit).filter(t -> t != null).min(Instant::compareTo).orElse(null);
            Instant last = jobs.stream().map(JobTimes::end).filter(t -> t != null).max(Instant::compareTo).orElse(null);
            long finished = jobs.stream().filter(j -> j.end() != null).count();
            Double makespan = first == null || last == null ? null : seconds(first, last);
            double cpuSeconds = jobs.stream().filter(j -> j.runSeconds() != null).mapToDouble(j -> j.cpus() * j.runSeconds()).sum();
            return new Summary(jobs.size(), jobs.stream().filter(j -> j.start() != null).count(), finished,
                    Stat.of(values(jobs, JobTimes::waitSeconds)), Stat.of(values(jobs, JobTimes::boundedSlowdown)),
                    makespan == null || makespan <= 0 ? null : round(finished * 3600.0 / makespan), makespan,
                    round(cpuSeconds / 3600));
        }

        private static double[] values(List<JobTimes> jobs, Function<JobTimes, Double> f) {
            return jobs.stream().map(f).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** Allocated share of the cluster's CPUs and GPUs, in percent, per step from the run's start. */
    record Utilization(Instant origin, long stepSeconds, List<Point> points, Double meanCpuPercent, Double meanGpuPercent) {
        record Point(long offsetSeconds, double cpuPercent, double gpuPercent) {
        }
    }

    static RunMetrics of(List<JobTimes> jobs, Instant origin, int capacityCpus, int capacityGpus, Instant now) {
        Map<String, Summary> byUser = group(jobs, JobTimes::user);
        Map<String, Summary> bySize = new LinkedHashMap<>();
        for (String size : List.of("1", "2-4", "5-16", "17-64", "65+")) {
            List<JobTimes> of = jobs.stream().filter(j -> j.sizeClass().equals(size)).toList();
            if (!of.isEmpty()) {
                bySize.put(size, Summary.of(of));
            }
        }
        return new RunMetrics(Summary.of(jobs), byUser, bySize, utilization(jobs, origin, capacityCpus, capacityGpus, now),
                jobs);
    }

    private static Map<String, Summary> group(List<JobTimes> jobs, Function<JobTimes, String> key) {
        return jobs.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList())).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Summary.of(e.getValue()), (a, b) -> a, LinkedHashMap::new));
    }

    /** Sweeps every started job's allocation into at most {@value #MAX_POINTS} steps from the origin. */
    static Utilization utilization(List<JobTimes> jobs, Instant origin, int cpus, int gpus, Instant now) {
        Instant from = origin != null ? origin
                : jobs.stream().map(JobTimes::submit).filter(t -> t != null).min(Instant::compareTo).orElse(null);
        Instant to = jobs.stream().filter(j -> j.start() != null).map(j -> j.end() == null ? now : j.end())
                .max(Instant::compareTo).orElse(null);
        if (from == null || to == null || !to.isAfter(from) || cpus <= 0) {
            return new Utilization(from, 1, List.of(), null, null);
        }
        long spanMs = Duration.between(from, to).toMillis();
        long stepMs = Math.max(1000, (long) Math.ceil(spanMs / (double) MAX_POINTS / 1000) * 1000);
        int n = (int) ((spanMs + stepMs - 1) / stepMs);
        double[] cpuMs = new double[n];
        double[] gpuMs = new double[n];
        double totalCpu = 0;
        double totalGpu = 0;
        for (JobTimes j : jobs) {
            if (j.start() == null) {
                continue;
            }
            long a = Math.max(0, Duration.between(from, j.start()).toMillis());
            long b = Math.min(spanMs, Duration.between(from, j.end() == null ? now : j.end()).toMillis());
            for (long t = a; t < b; ) {
                int bucket = (int) Math.min(n - 1, t / stepMs);
                long next = Math.min(b, (bucket + 1) * stepMs);
                cpuMs[bucket] += (double) j.cpus() * (next - t);
                gpuMs[bucket] += (double) j.gpus() * (next - t);
                t = next;
            }
            totalCpu += (double) j.cpus() * Math.max(0, b - a);
            totalGpu += (double) j.gpus() * Math.max(0, b - a);
        }
        List<Utilization.Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long len = Math.min(stepMs, spanMs - i * stepMs);
            points.add(new Utilization.Point(i * stepMs / 1000, round(100 * cpuMs[i] / (cpus * (double) len)),
                    gpus <= 0 ? 0 : round(100 * gpuMs[i] / (gpus * (double) len))));
        }
        return new Utilization(from, stepMs / 1000, points, round(100 * totalCpu / (cpus * (double) spanMs)),
                gpus <= 0 ? null : round(100 * totalGpu / (gpus * (double) spanMs)));
    }

    private static double seconds(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() / 1000.0;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
