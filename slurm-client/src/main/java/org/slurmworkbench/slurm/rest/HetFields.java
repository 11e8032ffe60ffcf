package org.slurmworkbench.slurm.rest;

import tools.jackson.databind.JsonNode;

/**
 * {@code het} of a slurmdbd job record, at the same path in every API version. slurmdbd returns each component of a
 * heterogeneous job as a record of its own (own {@code job_id}) with {@code het.job_id} = the leader's id and
 * {@code het.job_offset} = the component's offset. A job that is not heterogeneous has {@code het.job_id: 0} and an
 * unset offset: {@code null} on v0.0.38 (22.05), {@code {"set": false, ...}} from v0.0.40 on; as seen on the lab's
 * 22.05, 24.11 and 26.05.
 */
public final class HetFields {

    private HetFields() {
    }

    /** The leader's job id, or null when the record is not part of a heterogeneous job. */
    public static Long jobId(JsonNode job) {
        Long id = Json.number(job.path("het").path("job_id"));
        return id == null || id == 0 ? null : id;
    }

    /** The component's offset (0 for the leader), or null when the record is not part of a heterogeneous job. */
    public static Integer offset(JsonNode job) {
        return jobId(job) == null ? null : Json.limit(job.path("het").path("job_offset"));
    }
}
