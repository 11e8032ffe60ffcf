package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A job as slurmdbd recorded it. {@code elapsedSeconds} is wall time used; times are null when not set.
 * Each component of a heterogeneous job is a record of its own with its own {@code jobId}; {@code hetJobId} is the
 * leader's id (the id {@code sbatch} printed, the component with offset 0) and {@code hetJobOffset} the component's
 * place (sacct shows it as {@code <hetJobId>+<hetJobOffset>}); both are null for a job that is not heterogeneous.
 * {@code steps} are its steps in slurmdbd's order (empty before any ran).
 */
public record AccountingJob(
        long jobId,
        Long arrayJobId,
        Integer arrayTaskId,
        Long hetJobId,
        Integer hetJobOffset,
        String name,
        String cluster,
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
        long elapsedSeconds,
        Integer timeLimitMinutes,
        Integer exitCode,
        String nodes,
        Tres tresRequested,
        Tres tresAllocated,
        String comment,
        String workDir,
        List<JobStep> steps) {

    public String state() {
        return states.isEmpty() ? "UNKNOWN" : states.getFirst();
    }

    /** Whether one of these ids names this record: its own, its array job's or its heterogeneous job's. */
    public boolean belongsTo(Collection<Long> ids) {
        return ids.contains(jobId) || (arrayJobId != null && ids.contains(arrayJobId))
                || (hetJobId != null && ids.contains(hetJobId));
    }
}
