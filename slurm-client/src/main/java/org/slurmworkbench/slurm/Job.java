package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;

/**
 * A job as slurmctld knows it (pending, running or recently finished). {@code states} holds the base state
 * first (PENDING, RUNNING, COMPLETED, ...) and then flags (e.g. REQUEUED); on 22.05 it has one element.
 * Array jobs: {@code arrayJobId} is the array's id and {@code arrayTaskId} the task (null for a pending
 * array record that still stands for many tasks, whose range is in {@code arrayTaskString}).
 * {@code timeLimitMinutes} is null when unlimited. Times are null when not set. A component of a heterogeneous job
 * has its own {@code jobId}, the leader's id in {@code hetJobId} and its place in {@code hetJobOffset} (as Slurm
 * writes {@code 123+1}); both are null for any other job. {@code standardError} is null or empty when errors go
 * to the output file; memory is asked per node or per CPU (the other is null), in MB; {@code exitSignal} is the signal
 * that ended the job, null when none.
 */
public record Job(
        long jobId,
        Long arrayJobId,
        Integer arrayTaskId,
        String arrayTaskString,
        String name,
        String user,
        String account,
        String partition,
        String qos,
        List<String> states,
        String stateReason,
        Instant submitTime,
        Instant eligibleTime,
        Instant startTime,
        Instant endTime,
        Integer timeLimitMinutes,
        int cpus,
        int nodeCount,
        String nodes,
        Tres tresRequested,
        Tres tresAllocated,
        String comment,
        Integer exitCode,
        String workDir,
        String standardOutput,
        long priority,
        String cluster,
        Long hetJobId,
        Integer hetJobOffset,
        String dependency,
        String standardError,
        Long memoryPerNodeMb,
        Long memoryPerCpuMb,
        Integer exitSignal) {

    public String state() {
        return states.isEmpty() ? "UNKNOWN" : states.getFirst();
    }

    public boolean isArray() {
        return arrayJobId != null && arrayJobId != 0;
    }

    public boolean isFinished() {
        return finished(state());
    }

    /** Whether a job in this state (Slurm's base state: PENDING, COMPLETED...) has ended: no exit code before that. */
    public static boolean finished(String state) {
        return switch (state) {
            case "PENDING", "RUNNING", "SUSPENDED", "CONFIGURING", "COMPLETING", "REQUEUED", "RESIZING" -> false;
            default -> true;
        };
    }

    /** GPUs the job holds or asks for (allocated when running, requested while pending). */
    public long gpus() {
        long allocated = tresAllocated.gpus();
        return allocated > 0 ? allocated : tresRequested.gpus();
    }
}
