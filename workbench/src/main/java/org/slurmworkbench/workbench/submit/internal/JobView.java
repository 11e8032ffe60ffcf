package org.slurmworkbench.workbench.submit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.JobStep;
import org.slurmworkbench.workbench.accounting.FinishedJob;
import org.slurmworkbench.workbench.accounting.JobEfficiency;
import org.slurmworkbench.workbench.security.WorkbenchUser;

/**
 * A job as the API and the pages show it; {@code id} is Slurm's own writing ({@code 123}, {@code 123_4} or
 * {@code 123+1}). {@code source} says where the record was read (slurmctld while it holds the job, then the
 * accounting copy or slurmdbd) and {@code asOf} when that place had it. CPUs, memory (MB) and GPUs are what the job
 * holds once it runs and what it asks for before; {@code cpusRequested} is always what it asked for. Output paths
 * have their patterns filled in; {@code steps} are slurmdbd's, once the job has ended.
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
        String standardError,
        int nodeCount,
        int cpusRequested,
        long memoryMb,
        Long memoryPerNodeMb,
        Long memoryPerCpuMb,
        String dependency,
        Integer exitSignal,
        /** slurmctld's priority of the job (squeue %Q; 0 while held); null for records read from accounting. */
        Long priority,
        /** CPU time all steps used (sacct's TotalCPU), for ended records; null where not recorded. */
        Long cpuUsedMillis,
        /** The largest MaxRSS of any step, bytes, for ended records; null where not recorded. */
        Long maxRssBytes,
        List<JobStep> steps,
        Source source,
        Instant asOf) {

    /** Where a record was read. */
    public enum Source { SLURMCTLD, ACCOUNTING_COPY, SLURMDBD }

    public JobView {
        asOf = asOf == null ? null : asOf.truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // as people read it
    }

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
        Long arrayJobId = j.isArray() ? j.arrayJobId() : null;
        long memory = j.tresAllocated().memoryMb() > 0 ? j.tresAllocated().memoryMb() : j.tresRequested().memoryMb();
        return new JobView(id, j.jobId(), arrayJobId, j.arrayTaskId(), j.arrayTaskString(),
                j.hetJobId(), j.hetJobOffset(), j.name(), j.user(), j.account(), j.partition(), j.qos(), j.state(),
                j.states(), reason(j.stateReason()), j.submitTime(), j.eligibleTime(), j.startTime(), j.endTime(), elapsed,
                j.timeLimitMinutes(), j.nodes(), j.cpus(), j.gpus(), j.exitCode(), j.comment(), j.workDir(),
                OutputPath.expand(j.standardOutput(), j.jobId(), arrayJobId, j.arrayTaskId(), j.user(), j.name(), j.nodes()),
                OutputPath.expand(blankToNull(j.standardError()), j.jobId(), arrayJobId, j.arrayTaskId(), j.user(), j.name(),
                        j.nodes()),
                j.nodeCount(), (int) j.tresRequested().cpus(), memory, j.memoryPerNodeMb(), j.memoryPerCpuMb(),
                blankToNull(j.dependency()), j.exitSignal(), j.priority(), null, null, List.of(), Source.SLURMCTLD, now);
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
                j.exitCode(), null, j.workDir(), null, null, j.nodeCount(), j.cpus(), j.memoryMb(), null, null, null,
                j.signal(), null, j.cpuUsedMillis(), j.maxRssBytes(), j.steps(),
                j.source() == FinishedJob.Source.SLURMDBD ? Source.SLURMDBD : Source.ACCOUNTING_COPY, j.asOf());
    }

    /** This record with slurmdbd's steps of the job. */
    JobView withSteps(List<JobStep> recorded) {
        return recorded.isEmpty() ? withUsage(cpuUsedMillis, maxRssBytes, recorded)
                : withUsage(JobEfficiency.cpuUsedMillis(recorded), JobEfficiency.maxRssBytes(recorded), recorded);
    }

    private JobView withUsage(Long cpuUsed, Long maxRss, List<JobStep> recorded) {
        return new JobView(id, jobId, arrayJobId, arrayTaskId, arrayTasks, hetJobId, hetJobOffset, name, user, account,
                partition, qos, state, states, reason, submitTime, eligibleTime, startTime, endTime, elapsedSeconds,
                timeLimitMinutes, nodes, cpus, gpus, exitCode, comment, workDir, standardOutput, standardError, nodeCount,
                cpusRequested, memoryMb, memoryPerNodeMb, memoryPerCpuMb, dependency, exitSignal, priority,
                cpuUsed, maxRss, recorded, source, asOf);
    }

    /**
     * This ended record of slurmctld's with what its steps used from the accounting record of the same job, which
     * slurmctld does not keep; unchanged while the job is active here or the accounting record has not ended.
     */
    JobView withUsageOf(FinishedJob recorded) {
        if (active() || recorded.jobId() != jobId || !recorded.ended() || cpuUsedMillis != null) {
            return this;
        }
        return withUsage(recorded.cpuUsedMillis(), recorded.maxRssBytes(), steps);
    }

    /**
     * How well the ended record used what it was given; CPUs, memory and elapsed are what it held. Not known
     * ({@link JobEfficiency#known()} false) while the job is active or where slurmdbd recorded no step.
     */
    public JobEfficiency efficiency() {
        return new JobEfficiency(cpus, elapsedSeconds == null ? 0 : elapsedSeconds, active() ? null : cpuUsedMillis,
                nodeCount, memoryMb, active() ? null : maxRssBytes, timeLimitMinutes, (int) gpus);
    }

    /** GPU utilization from slurmdbd's steps, percent; null where not recorded (see {@link JobEfficiency#gpuUtilPercent}). */
    public Double gpuUtilPercent() {
        return JobEfficiency.gpuUtilPercent(steps);
    }

    /** Memory in Slurm's units (MiB, GiB with one decimal from 1 GiB), as sbatch's M and G mean. */
    public static String mib(Long mb) {
        return org.slurmworkbench.workbench.web.Units.mib(mb);
    }

    /** {@link #mib} for templates, which may not call static methods. */
    public String mibText(Long mb) {
        return mib(mb);
    }

    /** {@link #duration} for templates. */
    public String durationText(Long seconds) {
        return duration(seconds);
    }

    /** Seconds as Slurm prints a duration: {@code [D-]HH:MM:SS}. */
    public static String duration(Long seconds) {
        return org.slurmworkbench.workbench.web.Units.duration(seconds);
    }

    /** The job ids a dependency names ({@code afterok:12:13_2,afterany:14} -> 12, 13_2, 14), for links. */
    public List<String> dependencyIds() {
        if (dependency == null) {
            return List.of();
        }
        return java.util.regex.Pattern.compile("(?<=[:,?])\\d+(?:_\\d+)?").matcher(dependency).results()
                .map(java.util.regex.MatchResult::group).distinct().toList();
    }

    /** Seconds left of the time limit while the job runs; null when it does not run or has no limit. */
    public Long timeLeftSeconds() {
        if (timeLimitMinutes == null || elapsedSeconds == null || !"RUNNING".equals(state)) {
            return null;
        }
        return Math.max(0, timeLimitMinutes * 60L - elapsedSeconds);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() || reason.equals("None") ? null : reason;
    }

    /** Elapsed time as Slurm prints it: {@code [D-]HH:MM:SS}. */
    /** How many array tasks this record stands for: a pending array's rest counts its range, any other record 1. */
    public long taskCount() {
        return arrayTaskId == null && arrayTasks != null ? org.slurmworkbench.workbench.cluster.ArrayTasks.count(arrayTasks) : 1;
    }

    public String elapsed() {
        return duration(elapsedSeconds);
    }

    public boolean active() {
        return state != null && !org.slurmworkbench.slurm.Job.finished(state);
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
     * without the working directory and the output and error paths.
     */
    public JobView seenBy(WorkbenchUser viewer) {
        if (viewer.isAdmin() || viewer.slurmUser().equals(user)) {
            return this;
        }
        return new JobView(id, jobId, arrayJobId, arrayTaskId, arrayTasks, hetJobId, hetJobOffset, name, user, account,
                partition, qos, state, states, reason, submitTime, eligibleTime, startTime, endTime, elapsedSeconds,
                timeLimitMinutes, nodes, cpus, gpus, exitCode, comment, null, null, null, nodeCount, cpusRequested, memoryMb,
                memoryPerNodeMb, memoryPerCpuMb, dependency, exitSignal, priority, cpuUsedMillis, maxRssBytes, steps, source, asOf);
    }

    /** One task of a pending array record that stands for many, as {@code squeue -r} lists it. */
    public JobView task(int task) {
        return new JobView(arrayJobId + "_" + task, jobId, arrayJobId, task, null, hetJobId, hetJobOffset, name, user,
                account, partition, qos, state, states, reason, submitTime, eligibleTime, startTime, endTime, elapsedSeconds,
                timeLimitMinutes, nodes, cpus, gpus, exitCode, comment, workDir, standardOutput, standardError, nodeCount,
                cpusRequested, memoryMb, memoryPerNodeMb, memoryPerCpuMb, dependency, exitSignal, priority, cpuUsedMillis, maxRssBytes, steps, source, asOf);
    }
}
