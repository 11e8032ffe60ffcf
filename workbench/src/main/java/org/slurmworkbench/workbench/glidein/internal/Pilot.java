package org.slurmworkbench.workbench.glidein.internal;

import java.time.Duration;
import java.time.Instant;
import org.slurmworkbench.slurm.Job;

/**
 * One pilot as slurmctld holds it: a started array task, or the still pending rest of the array ({@code tasks}
 * "2-9", {@code task} null). {@code elapsedSeconds} runs until the task ends; {@code active} while pending or running.
 */
record Pilot(String id, Integer task, String tasks, long jobId, String state, String reason, String node,
                    Long elapsedSeconds, Integer exitCode, boolean active) {

    static Pilot of(Job j, Instant now) {
        Long elapsed = null;
        if (j.startTime() != null && !j.startTime().isAfter(now)) {
            Instant end = j.isFinished() && j.endTime() != null ? j.endTime() : now;
            elapsed = Math.max(0, Duration.between(j.startTime(), end).toSeconds());
        }
        String id = j.arrayTaskId() != null ? j.arrayJobId() + "_" + j.arrayTaskId() : j.arrayJobId() + "_[" + j.arrayTaskString() + "]";
        String reason = j.stateReason() == null || j.stateReason().equals("None") ? null : j.stateReason();
        return new Pilot(id, j.arrayTaskId(), j.arrayTaskId() == null ? j.arrayTaskString() : null, j.jobId(), j.state(),
                reason, j.nodes(), elapsed, j.isFinished() ? j.exitCode() : null, !j.isFinished());
    }
}
