package org.slurmworkbench.slurm.rest;

import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Tres;
import tools.jackson.databind.JsonNode;

/**
 * The slurmctld job fields every API version names alike ({@link Json} reads plain and {set, number} numbers
 * both). Each adapter passes in what its version writes its own way: the exit code and signal and the output paths. Values that
 * repeat across jobs (users, partitions, states...) are {@link Shared}, which keeps 100,000 jobs small.
 */
public final class JobFields {

    private JobFields() {
    }

    public static Job job(JsonNode j, Integer exitCode, Integer exitSignal, String standardOutput, String standardError) {
        Long arrayJobId = Json.number(j.path("array_job_id"));
        Long hetJobId = Json.number(j.path("het_job_id"));
        return new Job(
                Json.number(j.path("job_id"), 0),
                arrayJobId == null || arrayJobId == 0 ? null : arrayJobId,
                Json.integerOrNull(j.path("array_task_id")),
                Shared.text(Json.text(j.path("array_task_string"))),
                Shared.text(Json.text(j.path("name"))),
                Shared.text(Json.text(j.path("user_name"))),
                Shared.text(Json.text(j.path("account"))),
                Shared.text(Json.text(j.path("partition"))),
                Shared.text(Json.text(j.path("qos"))),
                Shared.states(Json.states(j.path("job_state"))),
                Shared.text(Json.text(j.path("state_reason"))),
                Json.instant(j.path("submit_time")),
                Json.instant(j.path("eligible_time")),
                Json.instant(j.path("start_time")),
                Json.instant(j.path("end_time")),
                Json.limit(j.path("time_limit")),
                Json.integer(j.path("cpus"), 0),
                Json.integer(j.path("node_count"), 0),
                Shared.text(Json.text(j.path("nodes"))),
                Tres.parse(Json.text(j.path("tres_req_str"))),
                Tres.parse(Json.text(j.path("tres_alloc_str"))),
                Json.text(j.path("comment")),
                exitCode,
                Shared.text(Json.text(j.path("current_working_directory"))),
                Shared.text(standardOutput),
                Json.number(j.path("priority"), 0),
                Shared.text(Json.text(j.path("cluster"))),
                hetJobId == null || hetJobId == 0 ? null : hetJobId,
                hetJobId == null || hetJobId == 0 ? null : Json.integerOrNull(j.path("het_job_offset")),
                Json.text(j.path("dependency")),
                standardError,
                memory(j.path("memory_per_node")),
                memory(j.path("memory_per_cpu")),
                exitSignal);
    }

    /** CPU time as slurmdbd writes it, {@code {seconds, microseconds}}, in milliseconds. */
    public static long cpuMillis(JsonNode time) {
        return Json.number(time.path("seconds"), 0) * 1000 + Json.number(time.path("microseconds"), 0) / 1000;
    }

    /**
     * A step's MaxRSS in bytes: the {@code mem} entry of {@code tres.requested.max} (the same on v0.0.38 and
     * v0.0.40+, where sacct reads it); null when the step has none (no accounting gathering, or it ran too briefly).
     */
    public static Long maxRssBytes(JsonNode stepTres) {
        for (JsonNode t : stepTres.path("requested").path("max")) {
            if ("mem".equals(Json.text(t.path("type")))) {
                Long bytes = Json.number(t.path("count"));
                return bytes == null || bytes < 0 ? null : bytes;
            }
        }
        return null;
    }

    /**
     * A GPU usage TRES of a step ({@code gres/gpuutil} in percent, {@code gres/gpumem} in bytes) from one of
     * {@code tres.requested}'s lists ({@code average}: sacct's TRESUsageInAve, {@code max}: TRESUsageInMax); null
     * where slurmdbd recorded none, as it does unless the site gathers GPU usage and accounts those TRES.
     */
    public static Long gresUsage(JsonNode stepTres, String list, String gres) {
        for (JsonNode t : stepTres.path("requested").path(list)) {
            if ("gres".equals(Json.text(t.path("type"))) && gres.equals(Json.text(t.path("name")))) {
                Long count = Json.number(t.path("count"));
                return count == null || count < 0 ? null : count;
            }
        }
        return null;
    }

    /** MB asked per node or per CPU; unset, 0 and Slurm's sentinels (NO_VAL64, INFINITE64) read as not asked. */
    static Long memory(JsonNode node) {
        Long mb = Json.number(node);
        return mb == null || mb <= 0 || mb >= 0x7ffffffffffffffeL ? null : mb;
    }
}
