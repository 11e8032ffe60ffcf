package org.slurmworkbench.workbench.workload.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What a plan will ask of a cluster, before anything is submitted: how its jobs are spread (CPUs per job, run
 * times, arrivals) and the load it offers over time as if no job waited, against the cluster's capacity. Every
 * count is of Slurm jobs (an array of 10 counts 10). Numbers only; {@link PreviewCharts} describes them as charts.
 *
 * @param summary  totals and how they compare with the capacity
 * @param cpus     jobs by CPUs per job (1, 2, 3-4, 5-8, ...)
 * @param runTimes jobs by run time (up to 10 s, 1 min, 5 min, 15 min, 1 h, 4 h, 1 d, longer)
 * @param arrivals jobs by arrival time, in {@link #ARRIVAL_BINS} equal bins over the arrivals' span
 * @param load     offered CPUs and GPUs over time, in {@link #LOAD_BINS} equal bins up to when the last job ends
 */
public record PlanPreview(Summary summary, Histogram cpus, Histogram runTimes, Histogram arrivals, Load load) {

    /** How many jobs of a plan a preview shows. */
    public static final int SAMPLE = 20;
    static final int ARRIVAL_BINS = 24;
    static final int LOAD_BINS = 60;
    private static final long[] RUN_LIMITS = {10, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, Long.MAX_VALUE};
    private static final String[] RUN_LABELS = {"≤10s", "≤1m", "≤5m", "≤15m", "≤1h", "≤4h", "≤1d", ">1d"};

    /** The first {@link #SAMPLE} jobs of a plan, which a preview shows. */
    public static List<PlannedJob> sample(WorkloadPlan plan) {
        return plan.jobs().subList(0, Math.min(SAMPLE, plan.jobs().size()));
    }

    /**
     * @param windowSeconds     the window the load is measured against (the parameters' window, or the trace's span)
     * @param endSeconds        when the last job would end if none waited
     * @param cpuHours          CPU-hours the plan asks for in total
     * @param capacityCpuHours  the cluster's CPUs times the window
     * @param peakCpus          the highest offered CPU load in a load bin, averaged over the bin
     */
    public record Summary(String cluster, int submissions, long slurmJobs, long clampedJobs, long windowSeconds,
                          long endSeconds, double cpuHours, double gpuHours, double capacityCpuHours,
                          double capacityGpuHours, double cpuLoad, double gpuLoad, double peakCpus, double peakGpus,
                          int cpus, int gpus) {
    }

    /** Bars: a label (in no language) and a count each. */
    public record Histogram(List<String> labels, long[] counts) {
    }

    /** Bin {@code i} covers {@code [i * binSeconds, (i + 1) * binSeconds)}: average CPUs and GPUs busy in it. */
    public record Load(double binSeconds, double[] cpus, double[] gpus, int cpuCapacity, int gpuCapacity) {
    }

    public static PlanPreview of(WorkloadPlan plan, Capacity capacity, long windowSeconds, long clampedJobs) {
        List<PlannedJob> jobs = plan.jobs();
        long lastArrival = 0;
        long end = 0;
        int maxCpus = 1;
        double cpuSeconds = 0;
        double gpuSeconds = 0;
        for (PlannedJob j : jobs) {
            lastArrival = Math.max(lastArrival, j.submitOffsetMillis());
            end = Math.max(end, j.submitOffsetMillis() + j.runSeconds() * 1000L);
            maxCpus = Math.max(maxCpus, j.cpus());
            cpuSeconds += (double) j.cpus() * j.runSeconds() * j.slurmJobs();
            gpuSeconds += (double) gpus(j) * j.runSeconds() * j.slurmJobs();
        }
        long window = Math.max(1, windowSeconds);

        List<String> cpuLabels = new ArrayList<>();
        for (int lo = 1, hi = 1; lo <= maxCpus; lo = hi + 1, hi *= 2) {
            cpuLabels.add(lo == hi ? Integer.toString(lo) : lo + "–" + hi);
        }
        long[] cpuCounts = new long[cpuLabels.size()];
        long[] runCounts = new long[RUN_LIMITS.length];
        long[] arrivalCounts = new long[ARRIVAL_BINS];
        double arrivalBin = Math.max(1, lastArrival + 1) / (double) ARRIVAL_BINS;
        double loadBin = Math.max(1000, end) / (double) LOAD_BINS;
        double[] cpuLoad = new double[LOAD_BINS];
        double[] gpuLoad = new double[LOAD_BINS];
        for (PlannedJob j : jobs) {
            int n = j.slurmJobs();
            cpuCounts[cpuBin(j.cpus())] += n;
            int r = 0;
            while (j.runSeconds() > RUN_LIMITS[r]) {
                r++;
            }
            runCounts[r] += n;
            arrivalCounts[(int) Math.min(ARRIVAL_BINS - 1, j.submitOffsetMillis() / arrivalBin)] += n;
            spread(cpuLoad, loadBin, j.submitOffsetMillis(), j.runSeconds() * 1000L, (double) j.cpus() * n);
            spread(gpuLoad, loadBin, j.submitOffsetMillis(), j.runSeconds() * 1000L, (double) gpus(j) * n);
        }
        List<String> arrivalLabels = new ArrayList<>();
        for (int i = 0; i < ARRIVAL_BINS; i++) {
            arrivalLabels.add(clock((long) (i * arrivalBin / 1000)));
        }
        double capacityCpuHours = capacity.cpus() * window / 3600.0;
        double capacityGpuHours = capacity.gpus() * window / 3600.0;
        Summary summary = new Summary(capacity.cluster(), jobs.size(), plan.slurmJobs(), clampedJobs, window,
                (end + 999) / 1000, cpuSeconds / 3600, gpuSeconds / 3600, capacityCpuHours, capacityGpuHours,
                capacityCpuHours == 0 ? 0 : cpuSeconds / 3600 / capacityCpuHours,
                capacityGpuHours == 0 ? 0 : gpuSeconds / 3600 / capacityGpuHours,
                max(cpuLoad), max(gpuLoad), capacity.cpus(), capacity.gpus());
        return new PlanPreview(summary, new Histogram(cpuLabels, cpuCounts),
                new Histogram(List.of(RUN_LABELS), runCounts), new Histogram(arrivalLabels, arrivalCounts),
                new Load(loadBin / 1000, cpuLoad, gpuLoad, capacity.cpus(), capacity.gpus()));
    }

    /** 1 -> 0, 2 -> 1, 3..4 -> 2, 5..8 -> 3: the bin of ceil(log2(cpus)). */
    static int cpuBin(int cpus) {
        return cpus <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(cpus - 1);
    }

    /** Adds {@code weight} over {@code [start, start + length)} to the bins, as its average over each bin. */
    private static void spread(double[] bins, double binMillis, long start, long length, double weight) {
        if (weight == 0) {
            return;
        }
        double end = start + length;
        int first = (int) Math.min(bins.length - 1, start / binMillis);
        for (int b = first; b < bins.length; b++) {
            double lo = Math.max(start, b * binMillis);
            double hi = Math.min(end, (b + 1) * binMillis);
            if (hi <= lo) {
                break;
            }
            bins[b] += weight * (hi - lo) / binMillis;
        }
    }

    private static int gpus(PlannedJob j) {
        return j.gpusPerNode() * j.nodes();
    }

    static double max(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }

    /** Seconds as h:mm:ss (days counted in hours): the same in every language. */
    static String clock(long seconds) {
        return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
