package org.slurmworkbench.workbench.submit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slurmworkbench.slurm.Job;

/** A job as the API and the pages show it; {@code id} is Slurm's own writing ({@code 123} or {@code 123_4}). */
public record JobView(
        String id,
        long jobId,
        Long arrayJobId,
        Integer arrayTaskId,
        String arrayTasks,
        String name,
        String user,
        String account,
        String partition,
        String qos,
        String state,
        List<String> states,
        String reason,
        Instant submitTime,
        Instant eligibleTime,
        Instant startTime,
        Instant endTime,
        Long elapsedSeconds,
        Integer timeLimitMinutes,
        String nodes,
        int cpus,
        long gpus,
        Integer exitCode,
        String comment,
        String workDir,
        String standardOutput) {

    static JobView of(Job j, Instant now) {
        String id = !j.isArray() ? Long.toString(j.jobId())
                : j.arrayTaskId() != null ? j.arrayJobId() + "_" + j.arrayTaskId()
                : j.arrayJobId() + "_[" + j.arrayTaskString() + "]";
        Long elapsed = null;
        if (j.startTime() != null && !j.startTime().isAfter(now)) {
            Instant end = j.isFinished() && j.endTime() != null ? j.endTime() : now;
            elapsed = Math.max(0, Duration.between(j.startTime(), end).toSeconds());
        }
        String reason = j.stateReason() == null || j.stateReason().equals("None") ? null : j.stateReason();
        return new JobView(id, j.jobId(), j.isArray() ? j.arrayJobId() : null, j.arrayTaskId(), j.arrayTaskString(),
                j.name(), j.user(), j.account(), j.partition(), j.qos(), j.state(), j.states(), reason, j.submitTime(),
                j.eligibleTime(), j.startTime(), j.endTime(), elapsed, j.timeLimitMinutes(), j.nodes(), j.cpus(), j.gpus(), j.exitCode(),
                j.comment(), j.workDir(), j.standardOutput());
    }

    /** Elapsed time as Slurm prints it: {@code [D-]HH:MM:SS}. */
    public String elapsed() {
        if (elapsedSeconds == null) {
            return "";
        }
        long s = elapsedSeconds;
        String hms = "%02d:%02d:%02d".formatted(s / 3600 % 24, s / 60 % 60, s % 60);
        return s >= 86400 ? (s / 86400) + "-" + hms : hms;
    }

    public boolean active() {
        return List.of("PENDING", "RUNNING", "SUSPENDED", "CONFIGURING", "COMPLETING", "REQUEUED").contains(state);
    }
}
