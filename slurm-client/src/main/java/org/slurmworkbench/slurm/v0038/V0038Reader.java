package org.slurmworkbench.slurm.v0038;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.Association;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.JobStep;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.slurm.Ping;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.slurm.Tres;
import org.slurmworkbench.slurm.rest.ErrorClassifier;
import org.slurmworkbench.slurm.rest.Gres;
import org.slurmworkbench.slurm.rest.HetFields;
import org.slurmworkbench.slurm.rest.JobFields;
import org.slurmworkbench.slurm.rest.Json;
import tools.jackson.databind.JsonNode;

/**
 * Lifts v0.0.38 answers (Slurm 22.05) to the domain records. Pure functions of the response body, so the
 * recorded answers of the real daemon can be replayed in unit tests. Shapes here are what 22.05.8 really
 * sends, which differs from its own OpenAPI description in places (noted where it matters).
 */
public final class V0038Reader {

    private V0038Reader() {
    }

    /** {@code /slurm/v0.0.38/ping}: 22.05 reports no latency, so it is -1. */
    public static List<Ping> ping(JsonNode body) {
        List<Ping> out = new ArrayList<>();
        for (JsonNode p : body.path("pings")) {
            out.add(new Ping(p.path("hostname").asString(""),
                    "UP".equalsIgnoreCase(p.path("ping").asString("")),
                    "primary".equalsIgnoreCase(p.path("mode").asString("")),
                    -1));
        }
        return out;
    }


    /**
     * {@code /slurm/v0.0.38/nodes}. The state is text ("idle", "mixed", "down+drain") with further flags in
     * {@code state_flags}; GPUs only appear in the gres strings ("gpu:4", "gpu:1(IDX:0)"); {@code cpu_load}
     * is the load times 100.
     */
    public static List<Node> nodes(JsonNode body) {
        List<Node> out = new ArrayList<>();
        for (JsonNode n : body.path("nodes")) {
            out.add(node(n));
        }
        return out;
    }

    /** One element of {@code nodes[]} (the list is streamed in element by element). */
    public static Node node(JsonNode n) {
        List<String> states = Json.states(n.path("state"));
        for (String flag : Json.states(n.path("state_flags"))) {
            if (!states.contains(flag)) states.add(flag);
        }
        return new Node(
                n.path("name").asString(""),
                List.copyOf(states),
                Json.integer(n.path("cpus"), 0),
                Json.integer(n.path("alloc_cpus"), 0),
                Json.number(n.path("real_memory"), 0),
                Json.number(n.path("alloc_memory"), 0),
                Json.number(n.path("free_memory"), 0),
                Gres.gpuCount(Json.text(n.path("gres"))),
                Gres.gpuCount(Json.text(n.path("gres_used"))),
                Json.strings(n.path("partitions")),
                Json.text(n.path("reason")),
                Json.number(n.path("cpu_load"), 0) / 100.0,
                Json.instant(n.path("boot_time")),
                Json.text(n.path("slurmd_version")),
                Tres.parse(Json.text(n.path("tres"))),
                Json.strings(n.path("features")),
                Json.strings(n.path("active_features")),
                Json.text(n.path("gres")),
                Json.text(n.path("gres_used")),
                Json.text(n.path("reason")) == null ? null : Json.text(n.path("reason_set_by_user")),
                Json.text(n.path("reason")) == null ? null : Json.instant(n.path("reason_changed_at")));
    }

    /**
     * {@code /slurm/v0.0.38/partitions}: time limits are minutes, -1 or null when unlimited; {@code qos} is
     * the partition's own QOS.
     */
    public static List<Partition> partitions(JsonNode body) {
        List<Partition> out = new ArrayList<>();
        for (JsonNode p : body.path("partitions")) {
            boolean isDefault = Json.strings(p.path("flags")).stream().anyMatch("default"::equalsIgnoreCase);
            out.add(new Partition(
                    p.path("name").asString(""),
                    Json.text(p.path("nodes")),
                    Json.integer(p.path("total_nodes"), 0),
                    Json.integer(p.path("total_cpus"), 0),
                    isDefault,
                    p.path("state").asString("UNKNOWN").toUpperCase(Locale.ROOT),
                    Json.limit(p.path("max_time_limit")),
                    Json.limit(p.path("default_time_limit")),
                    Json.text(p.path("qos")),
                    Json.strings(p.path("allowed_qos")),
                    Json.strings(p.path("allowed_accounts")),
                    Tres.parse(Json.text(p.path("tres"))),
                    Json.limit(p.path("maximum_nodes_per_job"))));
        }
        return out;
    }

    /**
     * {@code /slurm/v0.0.38/jobs} and {@code /job/{id}}. A pending array is one record whose
     * {@code array_task_id} is null and whose {@code array_task_string} holds the remaining range.
     */
    public static List<Job> jobs(JsonNode body) {
        List<Job> out = new ArrayList<>();
        for (JsonNode j : body.path("jobs")) {
            out.add(job(j));
        }
        return out;
    }

    /** One element of {@code jobs[]} (the list is streamed in element by element). */
    public static Job job(JsonNode j) {
        Long status = Json.number(j.path("exit_code"));
        return JobFields.job(j, exitCode(status), signal(status), Json.text(j.path("standard_output")),
                Json.text(j.path("standard_error")));
    }

    /** The signal that ended a job, from the raw wait(2) status (its low 7 bits); null when none. */
    static Integer signal(Long rawStatus) {
        return rawStatus == null || (rawStatus & 0x7f) == 0 ? null : (int) (rawStatus & 0x7f);
    }

    /**
     * {@code exit_code} on v0.0.38 is the raw wait(2) status. The exit code is its high byte; a job killed by
     * a signal has none (null), which is also what slurmdbd reports ({@code return_code: null}).
     */
    static Integer exitCode(Long rawStatus) {
        if (rawStatus == null) {
            return null;
        }
        long status = rawStatus;
        if ((status & 0x7f) != 0) {
            return null;
        }
        return (int) ((status >> 8) & 0xff);
    }

    /** A job's steps: {@code step.id} is the bare step ({@code batch}, {@code 0}), {@code state} a string. */
    static List<JobStep> steps(JsonNode steps) {
        List<JobStep> out = new ArrayList<>();
        for (JsonNode s : steps) {
            JsonNode time = s.path("time");
            out.add(new JobStep(Json.text(s.path("step").path("id")), Json.text(s.path("step").path("name")),
                    Json.states(s.path("state")).stream().findFirst().orElse("UNKNOWN"), exitCodeRecorded(s), null,
                    Json.number(time.path("elapsed"), 0), JobFields.cpuMillis(time.path("total")),
                    Json.text(s.path("nodes").path("range")), JobFields.maxRssBytes(s.path("tres")),
                    JobFields.gresUsage(s.path("tres"), "average", "gpuutil"),
                    JobFields.gresUsage(s.path("tres"), "max", "gpumem")));
        }
        return out;
    }

    /**
     * The exit code slurmdbd recorded, as v0.0.38 writes it. Seen on the 22.05 lab: a job that exited with 3 (sacct:
     * FAILED 3:0) is written as {@code {"status": "SUCCESS", "return_code": 0}}, so a 0 of a FAILED job is not what
     * it returned: null (not known) rather than a wrong 0.
     */
    static Integer exitCodeRecorded(JsonNode j) {
        Integer code = Json.integerOrNull(j.path("exit_code").path("return_code"));
        JsonNode state = j.path("state");
        boolean failed = "FAILED".equals(Json.text(state.isObject() ? state.path("current") : state)); // a job's, a step's
        return failed && code != null && code == 0 ? null : code;
    }

    /** {@code /slurmdb/v0.0.38/jobs}: nested objects, TRES as lists of {type, name, count}. */
    public static List<AccountingJob> accountingJobs(JsonNode body) {
        List<AccountingJob> out = new ArrayList<>();
        for (JsonNode j : body.path("jobs")) {
            JsonNode time = j.path("time");
            Long arrayJobId = Json.number(j.path("array").path("job_id"));
            JsonNode comment = j.path("comment");
            out.add(new AccountingJob(
                    Json.number(j.path("job_id"), 0),
                    arrayJobId == null || arrayJobId == 0 ? null : arrayJobId,
                    Json.limit(j.path("array").path("task_id")),
                    HetFields.jobId(j),
                    HetFields.offset(j),
                    Json.text(j.path("name")),
                    Json.text(j.path("cluster")),
                    Json.text(j.path("user")),
                    Json.text(j.path("account")),
                    Json.text(j.path("partition")),
                    Json.text(j.path("qos")),
                    Json.states(j.path("state").path("current")),
                    Json.text(j.path("state").path("reason")),
                    Json.instant(time.path("submission")),
                    Json.instant(time.path("eligible")),
                    Json.instant(time.path("start")),
                    Json.instant(time.path("end")),
                    Json.number(time.path("elapsed"), 0),
                    Json.limit(time.path("limit")),
                    exitCodeRecorded(j),
                    Json.text(j.path("nodes")),
                    Json.tresList(j.path("tres").path("requested")),
                    Json.tresList(j.path("tres").path("allocated")),
                    // slurmdbd keeps the job's comment in derived_es, which v0.0.38 writes as comment.job.
                    comment.isObject() ? Json.text(comment.path("job")) : Json.text(comment),
                    Json.text(j.path("working_directory")),
                    steps(j.path("steps"))));
        }
        return out;
    }

    /**
     * {@code /slurmdb/v0.0.38/qos}. 22.05 puts the list under {@code "QOS"} though its spec says
     * {@code "qos"}; both are read. Job limits: {@code jobs.active_jobs.per.user} is MaxJobsPU,
     * {@code jobs.per.user} is MaxSubmitPU; {@code active_jobs.count} is GrpJobs; {@code tres.total} GrpTRES.
     */
    public static List<Qos> qos(JsonNode body) {
        JsonNode list = body.has("QOS") ? body.path("QOS") : body.path("qos");
        List<Qos> out = new ArrayList<>();
        for (JsonNode q : list) {
            JsonNode max = q.path("limits").path("max");
            JsonNode tresPer = max.path("tres").path("per");
            JsonNode jobs = max.path("jobs");
            double usageFactor = q.path("usage_factor").isNumber() ? q.path("usage_factor").asDouble() : 1.0;
            out.add(new Qos(
                    q.path("name").asString(""),
                    Json.text(q.path("description")),
                    Json.number(q.path("priority"), 0),
                    Json.strings(q.path("flags")),
                    Json.tresList(tresPer.path("user")),
                    Json.tresList(tresPer.path("job")),
                    Json.tresList(tresPer.path("account")),
                    Json.tresList(max.path("tres").path("total")),
                    Json.limit(jobs.path("active_jobs").path("per").path("user")),
                    Json.limit(jobs.path("per").path("user")),
                    Json.limit(max.path("active_jobs").path("count")),
                    Json.limit(max.path("wall_clock").path("per").path("job")),
                    usageFactor,
                    Json.strings(q.path("preempt").path("list"))));
        }
        return out;
    }

    /**
     * {@code /slurmdb/v0.0.38/associations}. An account's own association has an empty user. The QOS list
     * is read under {@code qos} and {@code QOS}, as with the QOS list itself.
     */
    public static List<Association> associations(JsonNode body) {
        List<Association> out = new ArrayList<>();
        for (JsonNode a : body.path("associations")) {
            JsonNode max = a.path("max");
            JsonNode qos = a.has("qos") ? a.path("qos") : a.path("QOS");
            JsonNode jobs = max.path("jobs");
            out.add(new Association(
                    Json.text(a.path("cluster")),
                    Json.text(a.path("account")),
                    Objects.requireNonNullElse(Json.text(a.path("user")), ""),
                    Json.text(a.path("partition")),
                    Json.text(a.path("parent_account")),
                    Json.text(a.path("default").path("qos")),
                    Json.strings(qos),
                    Json.tresList(max.path("tres").path("total")),
                    Json.tresList(max.path("tres").path("per").path("job")),
                    Json.limit(jobs.has("active") ? jobs.path("active") : jobs.path("per").path("count")),
                    Json.limit(jobs.has("total") ? jobs.path("total") : jobs.path("per").path("submitted"))));
        }
        return out;
    }

    /**
     * {@code POST /slurm/v0.0.38/job/submit}. A job id means Slurm accepted the job, even with entries in
     * {@code errors[]} (a held job comes back with error 2042 and HTTP 200): those become notices. Without a
     * job id the errors are the failure.
     */
    public static SubmitResult submitResult(JsonNode body, List<SlurmError> errors, List<SlurmError> warnings) {
        long jobId = Json.number(body.path("job_id"), 0);
        if (jobId <= 0) {
            SlurmException failure = ErrorClassifier.classify(200, errors, "POST /slurm/v0.0.38/job/submit");
            throw failure != null ? failure
                    : new SlurmException.Rejected("POST /slurm/v0.0.38/job/submit: no job id in the answer", 200, errors);
        }
        List<SlurmError> notices = new ArrayList<>();
        errors.stream().filter(e -> e.number() != 0 || !e.error().isBlank()).forEach(notices::add);
        notices.addAll(warnings);
        String userMessage = Json.text(body.path("job_submit_user_msg"));
        if (userMessage != null) {
            notices.add(new SlurmError(0, userMessage, "", "job_submit"));
        }
        return new SubmitResult(jobId, List.copyOf(notices));
    }


}
