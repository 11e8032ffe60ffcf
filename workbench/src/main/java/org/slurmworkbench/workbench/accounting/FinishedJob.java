package org.slurmworkbench.workbench.accounting;

import java.time.Instant;
import java.util.List;
import org.slurmworkbench.slurm.JobStep;

/**
 * A job record as slurmdbd keeps it after the job ended: a job, one array task or one heterogeneous component (each
 * with its own {@code jobId}). {@code source} says where it was read and {@code asOf} when that place last had it
 * from slurmdbd. {@code nodes} and {@code workDir} are null where unknown; {@code reason}, {@code signal} and
 * {@code steps} are only read from slurmdbd (null and empty in the copy). {@code cpuUsedMillis} (sacct's TotalCPU) and
 * {@code maxRssBytes} (the largest step MaxRSS) are what its steps used, null where not recorded.
 */
public record FinishedJob(long jobId, Long arrayJobId, Integer arrayTaskId, Long hetJobId, Integer hetJobOffset,
                          String name, String user, String account, String partition, String qos, String state,
                          String reason, Instant submitTime, Instant eligibleTime, Instant startTime, Instant endTime,
                          long elapsedSeconds, Integer timeLimitMinutes, Integer exitCode, Integer signal,
                          String nodes, int nodeCount, int cpus, int gpus, long memoryMb, String workDir,
                          Long cpuUsedMillis, Long maxRssBytes, List<JobStep> steps, Source source, Instant asOf) {

    /** Where a finished record was read. */
    public enum Source {
        /** The workbench's own copy in MariaDB, as the accounting sync last wrote it. */
        ACCOUNTING_COPY,
        /** slurmdbd itself, asked because the copy did not have the job (yet) in its final state. */
        SLURMDBD
    }

    /** How well it used its CPUs, memory, time limit and GPUs. */
    public JobEfficiency efficiency() {
        return new JobEfficiency(cpus, elapsedSeconds, cpuUsedMillis, nodeCount, memoryMb, maxRssBytes, timeLimitMinutes,
                gpus);
    }

    public boolean ended() {
        return endTime != null;
    }
}
