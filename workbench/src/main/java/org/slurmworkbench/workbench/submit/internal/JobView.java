package org.slurmworkbench.workbench.submit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.workbench.accounting.FinishedJob;
import org.slurmworkbench.workbench.security.WorkbenchUser;

/**
 * A job as the API and the pages show it; {@code id} is Slurm's own writing ({@code 123}, {@code 123_4} or
 * {@code 123+1}). {@code source} says where the record was read (slurmctld while it holds the job, then the
 * accounting copy or slurmdbd) and {@code asOf} when that place had it.
 */
public record JobView(
        String id,
        long jobId,
        Long arrayJobId,
        Integer arrayTaskId,
        String arrayTasks,
        Long hetJobId,
        Integer hetJobOffset,
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
        String standardOutput,
        Source source,
        Instant asOf) {

    /** Where a record was read. */
    public enum Source { SLURMCTLD, ACCOUNTING_COPY, SLURMDBD }

    public static JobView of(Job j, Instant now) {
        String id = j.hetJobId() != null ? j.hetJobId() + "+" + j.hetJobOffset()
                : !j.isArray() ? Long.toString(j.jobId())
                : j.arrayTaskId() != null ? j.arrayJobId() + "_" + j.arrayTaskId()
                : j.arrayJobId() + "_[" + j.arrayTaskString() + "]";
        Long elapsed = null;
        if (j.startTime() != null && !j.startTime().isAfter(now)) {
            Instant end = j.isFinished() && j.endTime() != null ? j.endTime() : now;
            elapsed = Math.max(0, Duration.between(j.startTime(), end).toSeconds());
        }
        return new JobView(id, j.jobId(), j.isArray() ? j.arrayJobId() : null, j.arrayTaskId(), j.arrayTaskString(),
                j.hetJobId(), j.hetJobOffset(), j.name(), j.user(), j.account(), j.partition(), j.qos(), j.state(),
                j.states(), reason(j.stateReason()), j.submitTime(), j.eligibleTime(), j.startTime(), j.endTime(), elapsed,
                j.timeLimitMinutes(), j.nodes(), j.cpus(), j.gpus(), j.exitCode(), j.comment(), j.workDir(),
                j.standardOutput(), Source.SLURMCTLD, now);
    }

    static JobView of(FinishedJob j) {
        boolean array = j.arrayJobId() != null && j.arrayJobId() != 0;
        String id = j.hetJobId() != null ? j.hetJobId() + "+" + j.hetJobOffset()
                : array && j.arrayTaskId() != null ? j.arrayJobId() + "_" + j.arrayTaskId()
                : Long.toString(j.jobId());
        return new JobView(id, j.jobId(), array ? j.arrayJobId() : null, j.arrayTaskId(), null, j.hetJobId(),
                j.hetJobOffset(), j.name(), j.user(), j.account(), j.partition(), j.qos(), j.state(), List.of(j.state()),
                reason(j.reason()), j.submitTime(), j.eligibleTime(), j.startTime(), j.endTime(),
                j.startTime() == null ? null : j.elapsedSeconds(), j.timeLimitMinutes(), j.nodes(), j.cpus(), j.gpus(),
                j.exitCode(), null, j.workDir(), null,
                j.source() == FinishedJob.Source.SLURMDBD ? Source.SLURMDBD : Source.ACCOUNTING_COPY, j.asOf());
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() || reason.equals("None") ? null : reason;
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
        return List.of("PENDING", "RUNNING", "SUSPENDED", "CONFIGURING", "COMPLETING", "REQUEUED", "RESIZING")
                .contains(state);
    }

    /** Whether the job waits held by its user or an admin, so a release is what it needs. */
    public boolean held() {
        return "PENDING".equals(state) && reason != null && reason.startsWith("JobHeld");
    }

    /** Whether slurmctld still holds this record, so Slurm could act on it at all. */
    public boolean live() {
        return source == Source.SLURMCTLD;
    }

    /**
     * This record as {@code viewer} may read it: whole for its owner and admins; for anyone else who may see the job
     * without the working directory and output paths (and, as fields for them are added, error and input paths and
     * the environment).
     */
    public JobView seenBy(WorkbenchUser viewer) {
        if (viewer.isAdmin() || viewer.slurmUser().equals(user)) {
            return this;
        }
        return new JobView(id, jobId, arrayJobId, arrayTaskId, arrayTasks, hetJobId, hetJobOffset, name, user, account,
                partition, qos, state, states, reason, submitTime, eligibleTime, startTime, endTime, elapsedSeconds,
                timeLimitMinutes, nodes, cpus, gpus, exitCode, comment, null, null, source, asOf);
    }

    /** One task of a pending array record that stands for many, as {@code squeue -r} lists it. */
    public JobView task(int task) {
        return new JobView(arrayJobId + "_" + task, jobId, arrayJobId, task, null, hetJobId, hetJobOffset, name, user,
                account, partition, qos, state, states, reason, submitTime, eligibleTime, startTime, endTime, elapsedSeconds,
                timeLimitMinutes, nodes, cpus, gpus, exitCode, comment, workDir, standardOutput, source, asOf);
    }
}
