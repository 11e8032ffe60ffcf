package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;

/**
 * A job as slurmdbd recorded it. {@code elapsedSeconds} is wall time used; times are null when not set.
 */
public record AccountingJob(
        long jobId,
        Long arrayJobId,
        Integer arrayTaskId,
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
        String workDir) {

    public String state() {
        return states.isEmpty() ? "UNKNOWN" : states.getFirst();
    }
}
