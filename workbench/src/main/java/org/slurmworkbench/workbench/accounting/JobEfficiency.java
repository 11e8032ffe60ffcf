package org.slurmworkbench.workbench.accounting;

/**
 * How well a finished job used what it was given, from its accounting record:
 * <ul>
 * <li>CPU efficiency = CPU time used by all steps (sacct's TotalCPU) / (elapsed x allocated CPUs);</li>
 * <li>memory efficiency = the largest resident memory of any step (sacct's MaxRSS) / the memory per node (the job's
 * memory divided by its nodes: what {@code --mem} asks per node, or {@code --mem-per-cpu} x the CPUs on a node);</li>
 * <li>time-limit use = elapsed / time limit;</li>
 * <li>GPU-hours = allocated GPUs x elapsed.</li>
 * </ul>
 * Each share is null where a part is unknown or zero: no step recorded, no memory sampled, no limit, a job that never ran.
 * MaxRSS is Slurm's per-task maximum, so for several tasks on one node the node's memory is up to tasks x MaxRSS.
 */
public record JobEfficiency(int cpus, long elapsedSeconds, Long cpuUsedMillis, int nodes, long memoryMb,
                            Long maxRssBytes, Integer timeLimitMinutes, int gpus) {

    private static final double MIB = 1024.0 * 1024.0;

    /** CPU time used / (elapsed x CPUs), 0..1 (above 1 only by rounding of Slurm's sampling). */
    public Double cpu() {
        return cpuUsedMillis == null || elapsedSeconds <= 0 || cpus <= 0 ? null
                : cpuUsedMillis / 1000.0 / (elapsedSeconds * (double) cpus);
    }

    /** The CPUs busy on average: CPU time used / elapsed. */
    public Double cpusUsedOnAverage() {
        return cpuUsedMillis == null || elapsedSeconds <= 0 ? null : cpuUsedMillis / 1000.0 / elapsedSeconds;
    }

    /** CPU-hours given (elapsed x CPUs). */
    public double cpuHoursAllocated() {
        return elapsedSeconds * (double) cpus / 3600.0;
    }

    /** CPU-hours used; null when no step was recorded. */
    public Double cpuHoursUsed() {
        return cpuUsedMillis == null ? null : cpuUsedMillis / 3_600_000.0;
    }

    /** The memory asked per node, MB (MiB); null when unknown. */
    public Long memoryPerNodeMb() {
        return memoryMb <= 0 || nodes <= 0 ? null : memoryMb / nodes;
    }

    /** The peak resident memory in MiB; null when not sampled. */
    public Long maxRssMb() {
        return maxRssBytes == null ? null : Math.round(maxRssBytes / MIB);
    }

    /** MaxRSS / memory per node. */
    public Double memory() {
        Long perNode = memoryPerNodeMb();
        return maxRssBytes == null || perNode == null ? null : maxRssBytes / (perNode * MIB);
    }

    /** Elapsed / time limit; null without a limit or before the job ran. */
    public Double timeLimit() {
        return timeLimitMinutes == null || timeLimitMinutes <= 0 || elapsedSeconds <= 0 && cpuUsedMillis == null ? null
                : elapsedSeconds / (timeLimitMinutes * 60.0);
    }

    /** GPUs x elapsed, in hours. */
    public double gpuHours() {
        return gpus * (double) elapsedSeconds / 3600.0;
    }

    /** Whether there is anything to show: the job ran and a step was recorded. */
    public boolean known() {
        return cpu() != null || memory() != null;
    }

    /** A share as people read it: {@code 12 %}, below 10 % with one decimal. */
    public static String percent(Double share) {
        if (share == null) {
            return "";
        }
        double p = share * 100;
        return (p < 10 ? String.format(java.util.Locale.ROOT, "%.1f", p) : Long.toString(Math.round(p))) + " %";
    }

    /** {@link #percent} for templates. */
    public String percentText(Double share) {
        return percent(share);
    }

    /** A number of CPUs with one decimal. */
    public String cpusText(Double cpus) {
        return cpus == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", cpus);
    }

    /** Hours with one decimal (two below 1). */
    public String hoursText(double hours) {
        return String.format(java.util.Locale.ROOT, hours < 1 ? "%.2f" : "%.1f", hours);
    }

    /** The CPU time of all steps, as sacct's TotalCPU of the job; null when no step was recorded. */
    public static Long cpuUsedMillis(java.util.List<org.slurmworkbench.slurm.JobStep> steps) {
        if (steps.isEmpty()) {
            return null;
        }
        long sum = 0;
        for (org.slurmworkbench.slurm.JobStep s : steps) {
            sum += s.cpuMillis();
        }
        return sum;
    }

    /**
     * GPU utilization in percent: the steps' {@code gres/gpuutil} averages (sacct's TRESUsageInAve), weighted by each
     * step's elapsed time; null where slurmdbd recorded it for no step (a site without GPU usage gathering, the lab).
     */
    public static Double gpuUtilPercent(java.util.List<org.slurmworkbench.slurm.JobStep> steps) {
        double weighted = 0;
        long seconds = 0;
        boolean any = false;
        for (org.slurmworkbench.slurm.JobStep s : steps) {
            if (s.gpuUtilPercent() != null) {
                any = true;
                long w = Math.max(1, s.elapsedSeconds());
                weighted += s.gpuUtilPercent() * (double) w;
                seconds += w;
            }
        }
        return any ? weighted / seconds : null;
    }

    /** The largest MaxRSS of any step; null when none was sampled. */
    public static Long maxRssBytes(java.util.List<org.slurmworkbench.slurm.JobStep> steps) {
        Long max = null;
        for (org.slurmworkbench.slurm.JobStep s : steps) {
            if (s.maxRssBytes() != null && (max == null || s.maxRssBytes() > max)) {
                max = s.maxRssBytes();
            }
        }
        return max;
    }

}
