package org.slurmworkbench.slurm.rest;

import java.util.ArrayList;
import java.util.List;
import org.slurmworkbench.slurm.Diag;
import tools.jackson.databind.JsonNode;

/**
 * {@code /diag}: the counters sit under {@code statistics} with the same names in every version; some appear only
 * from a version on (read as null where missing). Times are plain numbers on v0.0.38 and {@code {set, number}}
 * objects from v0.0.40, which {@link Json} reads both.
 */
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
                Json.number(s.path("bf_backfilled_jobs"), 0),
                new Diag.Main(Json.number(s.path("schedule_cycle_mean_depth")),
                        Json.number(s.path("schedule_cycle_per_minute")),
                        Json.number(s.path("schedule_queue_length")),
                        Json.number(s.path("schedule_cycle_depth"))),
                new Diag.Backfill(Json.number(s.path("bf_cycle_max")),
                        Json.number(s.path("bf_last_depth")),
                        Json.number(s.path("bf_last_depth_try")),
                        Json.number(s.path("bf_depth_mean")),
                        Json.number(s.path("bf_queue_len")),
                        Json.number(s.path("bf_last_backfilled_jobs")),
                        Json.instant(s.path("bf_when_last_cycle")),
                        s.path("bf_active").isBoolean() ? s.path("bf_active").asBoolean() : null),
                new Diag.Agents(Json.number(s.path("agent_count")),
                        Json.number(s.path("agent_thread_count")),
                        Json.number(s.path("dbd_agent_queue_size"))),
                rpcsByType(s.path("rpcs_by_message_type")),
                rpcsByUser(s.path("rpcs_by_user")));
    }

    private static List<Diag.RpcByType> rpcsByType(JsonNode list) {
        List<Diag.RpcByType> out = new ArrayList<>();
        list.forEach(r -> out.add(new Diag.RpcByType(Json.text(r.path("message_type")),
                Json.integer(r.path("type_id"), 0), Json.number(r.path("count"), 0),
                Json.number(r.path("average_time"), 0), Json.number(r.path("total_time"), 0))));
        return out;
    }

    private static List<Diag.RpcByUser> rpcsByUser(JsonNode list) {
        List<Diag.RpcByUser> out = new ArrayList<>();
        list.forEach(r -> out.add(new Diag.RpcByUser(Json.text(r.path("user")), Json.integer(r.path("user_id"), 0),
                Json.number(r.path("count"), 0), Json.number(r.path("average_time"), 0),
                Json.number(r.path("total_time"), 0))));
        return out;
    }
}
