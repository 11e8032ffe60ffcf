package org.slurmworkbench.slurm.rest;

import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Tres;
import tools.jackson.databind.JsonNode;

/**
 * The slurmctld job fields every API version names alike ({@link Json} reads plain and {set, number} numbers
 * both). Each adapter passes in what its version writes its own way: the exit code and the output path.
 */
public final class JobFields {

    private JobFields() {
    }

    public static Job job(JsonNode j, Integer exitCode, String standardOutput) {
        Long arrayJobId = Json.number(j.path("array_job_id"));
        return new Job(
                Json.number(j.path("job_id"), 0),
                arrayJobId == null || arrayJobId == 0 ? null : arrayJobId,
                Json.integerOrNull(j.path("array_task_id")),
                Json.text(j.path("array_task_string")),
                Json.text(j.path("name")),
                Json.text(j.path("user_name")),
                Json.text(j.path("account")),
                Json.text(j.path("partition")),
                Json.text(j.path("qos")),
                Json.states(j.path("job_state")),
                Json.text(j.path("state_reason")),
                Json.instant(j.path("submit_time")),
                Json.instant(j.path("eligible_time")),
                Json.instant(j.path("start_time")),
                Json.instant(j.path("end_time")),
                Json.limit(j.path("time_limit")),
                Json.integer(j.path("cpus"), 0),
                Json.integer(j.path("node_count"), 0),
                Json.text(j.path("nodes")),
                Tres.parse(Json.text(j.path("tres_req_str"))),
                Tres.parse(Json.text(j.path("tres_alloc_str"))),
                Json.text(j.path("comment")),
                exitCode,
                Json.text(j.path("current_working_directory")),
                standardOutput,
                Json.number(j.path("priority"), 0),
                Json.text(j.path("cluster")));
    }
}
