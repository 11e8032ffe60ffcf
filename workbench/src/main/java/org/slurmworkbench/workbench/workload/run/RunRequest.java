package org.slurmworkbench.workbench.workload.run;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters;

/**
 * A new run: the cluster, how to submit (submitters, submissions per second, whether a cancel also cancels in Slurm)
 * and either generator {@code parameters} or its {@code jobs}, given explicitly. Null concurrency and rate limit
 * take the configured defaults.
 */
record RunRequest(
        @NotBlank(message = "is required") String cluster,
        @Min(value = 1, message = "must be at least 1") @Max(value = 256, message = "must be at most 256") Integer concurrency,
        @Min(value = 0, message = "must be 0 (no limit) or more") Integer rateLimit,
        Boolean scancelOnCancel,
        String source,
        Long seed,
        WorkloadParameters parameters,
        @Size(min = 1, max = 1_000_000, message = "must hold 1 to 1000000 jobs")
        List<@Valid @NotNull(message = "is required") Job> jobs) {

    /**
     * One submission; {@code seq} defaults to its position in the list (from 1), the offset, GPUs and array tasks to
     * 0, nodes to 1, the time limit to twice the run time.
     */
    record Job(
            @Min(value = 1, message = "must be at least 1") Integer seq,
            @Min(value = 0, message = "must be 0 or more") Long submitOffsetMillis,
            @NotBlank(message = "is required") String user,
            String account,
            String partition,
            String qos,
            @Min(value = 1, message = "must be at least 1") @Max(value = 1024, message = "must be at most 1024") Integer nodes,
            @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1") Integer cpus,
            @Min(value = 0, message = "must be 0 or more") @Max(value = 64, message = "must be at most 64") Integer gpusPerNode,
            @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more")
            @Max(value = 86_400, message = "must be at most 86400") Integer runSeconds,
            @Min(value = 1, message = "must be at least 1") Integer timeLimitMinutes,
            @Min(value = 0, message = "must be 0 or more") @Max(value = 10_000, message = "must be at most 10000") Integer arrayTasks) {

        PlannedJob planned(int position) {
            int minutes = timeLimitMinutes != null ? timeLimitMinutes : Math.max(1, (runSeconds * 2 + 59) / 60);
            return new PlannedJob(seq == null ? position : seq, submitOffsetMillis == null ? 0 : submitOffsetMillis, user,
                    blank(account), blank(partition), blank(qos), nodes == null ? 1 : nodes, cpus,
                    gpusPerNode == null ? 0 : gpusPerNode, runSeconds, minutes, arrayTasks == null ? 0 : arrayTasks);
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
