package org.slurmworkbench.slurm.rest;

import org.slurmworkbench.slurm.Diag;
import tools.jackson.databind.JsonNode;

/** {@code /diag}: the counters the record needs sit under {@code statistics} with the same names in every version. */
public final class Statistics {

    private Statistics() {
    }

    public static Diag diag(JsonNode body) {
        JsonNode s = body.path("statistics");
        return new Diag(
                Json.instant(s.path("req_time")),
                Json.instant(s.path("req_time_start")),
                Json.integer(s.path("server_thread_count"), 0),
                Json.integer(s.path("agent_queue_size"), 0),
                Json.integer(s.path("jobs_submitted"), 0),
                Json.integer(s.path("jobs_started"), 0),
                Json.integer(s.path("jobs_completed"), 0),
                Json.integer(s.path("jobs_canceled"), 0),
                Json.integer(s.path("jobs_failed"), 0),
                Json.integer(s.path("jobs_pending"), 0),
                Json.integer(s.path("jobs_running"), 0),
                Json.number(s.path("schedule_cycle_last"), 0),
                Json.number(s.path("schedule_cycle_mean"), 0),
                Json.number(s.path("schedule_cycle_max"), 0),
                Json.number(s.path("schedule_cycle_total"), 0),
                Json.number(s.path("bf_cycle_last"), 0),
                Json.number(s.path("bf_cycle_mean"), 0),
                Json.number(s.path("bf_cycle_counter"), 0),
                Json.number(s.path("bf_backfilled_jobs"), 0));
    }
}
