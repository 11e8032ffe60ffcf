package org.slurmworkbench.slurm;

/**
 * One step of a job as slurmdbd recorded it ({@code sacct} without {@code -X}): {@code id} as sacct writes it after the
 * job id ({@code batch}, {@code extern}, {@code 0}, ...). {@code exitCode} is null when not known (killed by a signal,
 * given in {@code signal}, or a release that does not say); {@code cpuMillis} is the CPU time its tasks used (user +
 * system), {@code elapsedSeconds} its wall time. {@code maxRssBytes} is the largest resident memory of any of its
 * tasks (sacct's MaxRSS, from {@code tres.requested.max}, bytes), null where job accounting gathering recorded none.
 * {@code gpuUtilPercent} (sacct's TRESUsageInAve {@code gres/gpuutil}) and {@code gpuMemBytes} (TRESUsageInMax
 * {@code gres/gpumem}) are there only where the site's slurmdbd records those TRES (a GPU gathering plugin such as
 * gpu/nvml and {@code AccountingStorageTRES=gres/gpuutil,gres/gpumem}); null elsewhere, never 0 for "not recorded".
 */
public record JobStep(String id, String name, String state, Integer exitCode, Integer signal, long elapsedSeconds,
                      long cpuMillis, String nodes, Long maxRssBytes, Long gpuUtilPercent, Long gpuMemBytes) {

    /** A step without GPU usage recorded. */
    public JobStep(String id, String name, String state, Integer exitCode, Integer signal, long elapsedSeconds,
                   long cpuMillis, String nodes, Long maxRssBytes) {
        this(id, name, state, exitCode, signal, elapsedSeconds, cpuMillis, nodes, maxRssBytes, null, null);
    }
}
