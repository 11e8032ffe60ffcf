package org.slurmworkbench.workbench.accounting.internal;

import java.time.Duration;
import java.time.Instant;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.workbench.accounting.JobEfficiency;

/**
 * One row of {@code acct_job}: an accounting job flattened to what people query. CPU time is elapsed x allocated
 * CPUs, which is exactly sacct's CPUTimeRAW for the job allocation ({@code -X}); GPU time likewise. A component of a
 * heterogeneous job is a row of its own (its own job id, as slurmdbd keeps it) with the het job's id and its offset.
 * {@code cpuUsedMillis} is the CPU time its steps used (sacct's TotalCPU) and {@code maxRssBytes} the largest MaxRSS of
 * any step; both null when slurmdbd recorded no step, MaxRSS also when no step's memory was sampled.
 */
record JobRow(String cluster, long jobId, Long arrayJobId, Integer arrayTaskId, Long hetJobId,
                     Integer hetJobOffset, String user, String account,
                     String partition, String qos, String state, Integer exitCode, Instant submit, Instant eligible,
                     Instant start, Instant end, int cpus, int nodes, int gpus, long memoryMb, Integer timeLimitMinutes,
                     long elapsedSeconds, long cpuSeconds, long gpuSeconds, Long waitSeconds, String name,
                     String nodeList, String workDir, Long cpuUsedMillis, Long maxRssBytes) {

    /** A row without what its steps used, as benches and older tests build them. */
    public JobRow(String cluster, long jobId, Long arrayJobId, Integer arrayTaskId, Long hetJobId, Integer hetJobOffset,
                  String user, String account, String partition, String qos, String state, Integer exitCode,
                  Instant submit, Instant eligible, Instant start, Instant end, int cpus, int nodes, int gpus,
                  long memoryMb, Integer timeLimitMinutes, long elapsedSeconds, long cpuSeconds, long gpuSeconds,
                  Long waitSeconds, String name, String nodeList, String workDir) {
        this(cluster, jobId, arrayJobId, arrayTaskId, hetJobId, hetJobOffset, user, account, partition, qos, state,
                exitCode, submit, eligible, start, end, cpus, nodes, gpus, memoryMb, timeLimitMinutes, elapsedSeconds,
                cpuSeconds, gpuSeconds, waitSeconds, name, nodeList, workDir, null, null);
    }

    /** A row without where it ran (node list, working directory), as benches and older tests build them. */
    public JobRow(String cluster, long jobId, Long arrayJobId, Integer arrayTaskId, Long hetJobId, Integer hetJobOffset,
                  String user, String account, String partition, String qos, String state, Integer exitCode,
                  Instant submit, Instant eligible, Instant start, Instant end, int cpus, int nodes, int gpus,
                  long memoryMb, Integer timeLimitMinutes, long elapsedSeconds, long cpuSeconds, long gpuSeconds,
                  Long waitSeconds, String name) {
        this(cluster, jobId, arrayJobId, arrayTaskId, hetJobId, hetJobOffset, user, account, partition, qos, state,
                exitCode, submit, eligible, start, end, cpus, nodes, gpus, memoryMb, timeLimitMinutes, elapsedSeconds,
                cpuSeconds, gpuSeconds, waitSeconds, name, null, null, null, null);
    }

    static JobRow of(String cluster, AccountingJob j) {
        // Allocated resources once the job ran; what it asked for while it never did.
        long allocCpus = j.tresAllocated() == null ? 0 : j.tresAllocated().cpus();
        long cpus = allocCpus > 0 ? allocCpus : j.tresRequested() == null ? 0 : j.tresRequested().cpus();
        var tres = allocCpus > 0 ? j.tresAllocated() : j.tresRequested();
        long gpus = tres == null ? 0 : tres.gpus();
        long nodes = tres == null ? 0 : tres.get("node");
        long mem = tres == null ? 0 : tres.memoryMb();
        long elapsed = Math.max(0, j.elapsedSeconds());
        Instant ready = j.eligibleTime() != null ? j.eligibleTime() : j.submitTime();
        Long wait = j.startTime() != null && ready != null
                ? Math.max(0, Duration.between(ready, j.startTime()).getSeconds()) : null;
        return new JobRow(cluster, j.jobId(), j.arrayJobId(), j.arrayTaskId(), j.hetJobId(), j.hetJobOffset(),
                nz(j.user()), nz(j.account()),
                nz(j.partition()), nz(j.qos()), j.state(), j.exitCode(), j.submitTime(), j.eligibleTime(),
                j.startTime(), j.endTime(), (int) cpus, (int) nodes, (int) gpus, mem, j.timeLimitMinutes(), elapsed,
                elapsed * cpus, elapsed * gpus, wait, cut(nz(j.name()), 255), cutOrNull(j.nodes()), cutOrNull(j.workDir()),
                JobEfficiency.cpuUsedMillis(j.steps()), JobEfficiency.maxRssBytes(j.steps()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String cutOrNull(String s) {
        return s == null || s.isEmpty() || s.equals("None assigned") ? null : cut(s, 1024);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
