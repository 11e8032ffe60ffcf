package org.slurmworkbench.slurm.v0040;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.Association;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.JobStep;
import org.slurmworkbench.slurm.JobsSnapshot;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.slurm.Ping;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.slurm.Tres;
import org.slurmworkbench.slurm.rest.Gres;
import org.slurmworkbench.slurm.rest.HetFields;
import org.slurmworkbench.slurm.rest.JobFields;
import org.slurmworkbench.slurm.rest.Json;
import org.slurmworkbench.slurm.rest.RestTransport;
import tools.jackson.databind.JsonNode;

/**
 * Lifts v0.0.40 to v0.0.45 answers to the domain records. Pure functions of (body, version): the shapes are
 * the same across these versions except where a method says otherwise, so one reader serves them all.
 */
public final class V0040Reader {

    private static final ApiVersion V0042 = ApiVersion.parse("v0.0.42");
    private static final ApiVersion V0043 = ApiVersion.parse("v0.0.43");

    private V0040Reader() {
    }

    /**
     * v0.0.40/41 say {@code pinged: "UP"} and {@code mode: "primary"}; v0.0.42+ add booleans
     * {@code responding}/{@code primary} (v0.0.45 drops {@code pinged}/{@code mode} for {@code status}).
     */
    public static List<Ping> ping(JsonNode body, ApiVersion version) {
        List<Ping> out = new ArrayList<>();
        for (JsonNode p : body.path("pings")) {
            boolean responding = version.compareTo(V0042) >= 0 && p.has("responding")
                    ? p.path("responding").asBoolean(false)
                    : "UP".equalsIgnoreCase(p.path("pinged").asString(""));
            boolean primary = version.compareTo(V0042) >= 0 && p.has("primary")
                    ? p.path("primary").asBoolean(false)
                    : "primary".equalsIgnoreCase(p.path("mode").asString(""));
            out.add(new Ping(p.path("hostname").asString(""), responding, primary,
                    Json.number(p.path("latency"), -1)));
        }
        return out;
    }


    /** Node shape is stable across v0.0.40-45 for these fields; {@code cpu_load} is in hundredths. */
    public static List<Node> nodes(JsonNode body, ApiVersion version) {
        List<Node> out = new ArrayList<>();
        for (JsonNode n : body.path("nodes")) {
            out.add(node(n, version));
        }
        return out;
    }

    /** One element of {@code nodes[]} (the list is streamed in element by element). */
    public static Node node(JsonNode n, ApiVersion version) {
        Tres tres = Tres.parse(n.path("tres").asString(""));
        Tres used = Tres.parse(n.path("tres_used").asString(""));
        int gpus = Gres.gpuCount(n.path("gres").asString(""));
        int allocatedGpus = Gres.gpuCount(n.path("gres_used").asString(""));
        if (gpus == 0) {
            gpus = (int) tres.gpus(); // no gres string but tracked as TRES
        }
        if (allocatedGpus == 0) {
            allocatedGpus = (int) used.gpus();
        }
        return new Node(
                n.path("name").asString(""),
                Json.states(n.path("state")),
                Json.integer(n.path("cpus"), 0),
                Json.integer(n.path("alloc_cpus"), 0),
                Json.number(n.path("real_memory"), 0),
                Json.number(n.path("alloc_memory"), 0),
                Json.number(n.path("free_mem"), 0),
                gpus,
                allocatedGpus,
                Json.strings(n.path("partitions")),
                Json.text(n.path("reason")),
                Json.number(n.path("cpu_load"), 0) / 100.0,
                Json.instant(n.path("boot_time")),
                Json.text(n.path("version")),
                tres,
                Json.strings(n.path("features")),
                Json.strings(n.path("active_features")),
                Json.text(n.path("gres")),
                Json.text(n.path("gres_used")),
                Json.text(n.path("reason")) == null ? null : Json.text(n.path("reason_set_by_user")),
                Json.text(n.path("reason")) == null ? null : Json.instant(n.path("reason_changed_at")));
    }

    /**
     * v0.0.45 is the first version that says which partition is the default ({@code flags: ["DEFAULT"]});
     * before it {@code isDefault} is unknown (null).
     */
    public static List<Partition> partitions(JsonNode body, ApiVersion version) {
        List<Partition> out = new ArrayList<>();
        for (JsonNode p : body.path("partitions")) {
            List<String> flags = Json.states(p.path("flags"));
            List<String> states = Json.states(p.path("partition").path("state"));
            out.add(new Partition(
                    p.path("name").asString(""),
                    Json.text(p.path("nodes").path("configured")),
                    Json.integer(p.path("nodes").path("total"), 0),
                    Json.integer(p.path("cpus").path("total"), 0),
                    version.atLeast("v0.0.45") ? Boolean.valueOf(flags.contains("DEFAULT")) : null,
                    states.isEmpty() ? "UNKNOWN" : states.getFirst(),
                    Json.limit(p.path("maximums").path("time")),
                    Json.limit(p.path("defaults").path("time")),
                    Json.text(p.path("qos").path("assigned")),
                    Json.strings(p.path("qos").path("allowed")),
                    Json.strings(p.path("accounts").path("allowed")),
                    Tres.parse(p.path("tres").path("configured").asString("")),
                    Json.limit(p.path("maximums").path("nodes"))));
        }
        return out;
    }

    /** Jobs of {@code GET /slurm/<v>/jobs/} and {@code /job/{id}}. */
    public static List<Job> jobs(JsonNode body, ApiVersion version) {
        List<Job> out = new ArrayList<>();
        for (JsonNode j : body.path("jobs")) {
            out.add(job(j, version));
        }
        return out;
    }

    /**
     * A job list read with {@code update_time = changedSince} (or without, when null). "Not modified" is a 304
     * (body null; 22.05) or, on 24.11/26.05, an empty list with {@code last_update} 0 and the warning "No job
     * changes since update_time[...]". Otherwise {@code lastUpdate} is the answer's {@code last_update}: the
     * controller's clock when it answered, the value to pass next time.
     */
    public static JobsSnapshot jobsSnapshot(JsonNode body, ApiVersion version, Instant changedSince) {
        return jobsSnapshot(body == null ? null : jobs(body, version), body, changedSince);
    }

    /**
     * The same, for a list read as it streamed in: {@code jobs} already lifted (null on 304) and {@code rest}
     * the answer's other fields.
     */
    public static JobsSnapshot jobsSnapshot(List<Job> jobs, JsonNode rest, Instant changedSince) {
        if (jobs == null || rest == null) {
            return new JobsSnapshot(true, List.of(), changedSince);
        }
        JsonNode body = rest;
        Instant lastUpdate = Json.instant(body.path("last_update"));
        boolean noChange = RestTransport.readErrors(body, "warnings").stream()
                .anyMatch(w -> (w.description() + " " + w.error()).contains("No job changes"));
        if (changedSince != null && jobs.isEmpty() && (lastUpdate == null || noChange)) {
            return new JobsSnapshot(true, List.of(), changedSince);
        }
        return new JobsSnapshot(false, jobs, lastUpdate);
    }

    /** One element of {@code jobs[]} (the list is streamed in element by element). */
    public static Job job(JsonNode j, ApiVersion version) {
        // v0.0.43+ keep the raw pattern (%j) in standard_output and the expanded path in stdout_expanded.
        String stdout = version.compareTo(V0043) >= 0 && Json.text(j.path("stdout_expanded")) != null
                ? Json.text(j.path("stdout_expanded"))
                : Json.text(j.path("standard_output"));
        if (stdout != null && !j.path("array_task_id").path("set").asBoolean(true)) {
            // A pending array record expands %a with NO_VAL ("slurm-7_4294967294.out"); keep the pattern instead.
            stdout = stdout.replace("_4294967294", "_%a");
        }
        String stderr = version.compareTo(V0043) >= 0 && Json.text(j.path("stderr_expanded")) != null
                ? Json.text(j.path("stderr_expanded"))
                : Json.text(j.path("standard_error"));
        return JobFields.job(j, exitCode(j.path("exit_code")), signal(j.path("exit_code")), stdout, stderr);
    }

    /**
     * {@code {status: [...], return_code: {...}, signal: {...}}}: the return code; null when the job was killed
     * by a signal (no return code, as slurmdbd says and as the v0.0.38 adapter reads it) or has not ended.
     * slurmctld writes status SUCCESS with return code 0 while a job runs, so running jobs read 0, as on 22.05.
     */
    static Integer exitCode(JsonNode e) {
        if (e == null || e.isMissingNode() || e.isNull()) {
            return null;
        }
        if (e.isNumber()) {
            return e.asInt();
        }
        List<String> status = Json.states(e.path("status"));
        if (status.contains("PENDING") || status.contains("INVALID") || status.contains("SIGNALED")
                || status.contains("CORE_DUMPED")) {
            return null;
        }
        return Json.integerOrNull(e.path("return_code"));
    }

    /** The signal that ended a job or step ({@code exit_code.signal.id}); null when none. */
    static Integer signal(JsonNode e) {
        Integer id = Json.integerOrNull(e.path("signal").path("id"));
        return id == null || id == 0 ? null : id;
    }

    /** A job's steps: {@code step.id} is {@code <job>.<step>} (sacct's JobID), read here as the step alone. */
    static List<JobStep> steps(JsonNode steps) {
        List<JobStep> out = new ArrayList<>();
        for (JsonNode s : steps) {
            String id = Json.text(s.path("step").path("id"));
            JsonNode time = s.path("time");
            out.add(new JobStep(id == null ? null : id.substring(id.indexOf('.') + 1), Json.text(s.path("step").path("name")),
                    Json.states(s.path("state")).stream().findFirst().orElse("UNKNOWN"), exitCode(s.path("exit_code")),
                    signal(s.path("exit_code")), Json.number(time.path("elapsed"), 0), JobFields.cpuMillis(time.path("total")),
                    Json.text(s.path("nodes").path("range")), JobFields.maxRssBytes(s.path("tres")),
                    JobFields.gresUsage(s.path("tres"), "average", "gpuutil"),
                    JobFields.gresUsage(s.path("tres"), "max", "gpumem")));
        }
        return out;
    }

    /** Jobs of {@code /slurmdb/<v>/jobs/}; the fields used here have one shape from v0.0.40 to v0.0.45. */
    public static List<AccountingJob> accountingJobs(JsonNode body, ApiVersion version) {
        List<AccountingJob> out = new ArrayList<>();
        for (JsonNode j : body.path("jobs")) {
            JsonNode time = j.path("time");
            Long arrayJobId = Json.number(j.path("array").path("job_id"));
            out.add(new AccountingJob(
                    j.path("job_id").asLong(),
                    arrayJobId == null || arrayJobId == 0 ? null : arrayJobId,
                    Json.integerOrNull(j.path("array").path("task_id")),
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
                    exitCode(j.path("exit_code")),
                    Json.text(j.path("nodes")),
                    Json.tresList(j.path("tres").path("requested")),
                    Json.tresList(j.path("tres").path("allocated")),
                    Json.text(j.path("comment").path("job")),
                    Json.text(j.path("working_directory")),
                    steps(j.path("steps"))));
        }
        return out;
    }

    /**
     * QOS limits: {@code limits.max.tres.per.user} = MaxTRESPerUser, {@code limits.max.tres.total} = GrpTRES,
     * {@code limits.max.jobs.active_jobs.per.user} = MaxJobsPerUser, {@code limits.max.jobs.per.user} =
     * MaxSubmitJobsPerUser, {@code limits.max.active_jobs.count} = GrpJobs (same paths v0.0.40-45).
     */
    public static List<Qos> qos(JsonNode body, ApiVersion version) {
        List<Qos> out = new ArrayList<>();
        for (JsonNode q : body.path("qos")) {
            JsonNode max = q.path("limits").path("max");
            JsonNode perTres = max.path("tres").path("per");
            out.add(new Qos(
                    q.path("name").asString(""),
                    Json.text(q.path("description")),
                    Json.number(q.path("priority"), 0),
                    Json.states(q.path("flags")),
                    Json.tresList(perTres.path("user")),
                    Json.tresList(perTres.path("job")),
                    Json.tresList(perTres.path("account")),
                    Json.tresList(max.path("tres").path("total")),
                    Json.limit(max.path("jobs").path("active_jobs").path("per").path("user")),
                    Json.limit(max.path("jobs").path("per").path("user")),
                    Json.limit(max.path("active_jobs").path("count")),
                    Json.limit(max.path("wall_clock").path("per").path("job")),
                    decimal(q.path("usage_factor"), 1.0),
                    Json.strings(q.path("preempt").path("list"))));
        }
        return out;
    }

    /** Associations: {@code max.tres.total} = GrpTRES, {@code max.jobs.active} = MaxJobs, {@code max.jobs.total} = MaxSubmitJobs. */
    public static List<Association> associations(JsonNode body, ApiVersion version) {
        List<Association> out = new ArrayList<>();
        for (JsonNode a : body.path("associations")) {
            JsonNode max = a.path("max");
            out.add(new Association(
                    Json.text(a.path("cluster")),
                    Json.text(a.path("account")),
                    Json.text(a.path("user")),
                    Json.text(a.path("partition")),
                    Json.text(a.path("parent_account")),
                    Json.text(a.path("default").path("qos")),
                    Json.strings(a.path("qos")),
                    Json.tresList(max.path("tres").path("total")),
                    Json.tresList(max.path("tres").path("per").path("job")),
                    Json.limit(max.path("jobs").path("active")),
                    Json.limit(max.path("jobs").path("total"))));
        }
        return out;
    }

    /**
     * A submit answer with a job id is an accepted job, whatever else it says: a held job comes back with
     * an error entry beside its id. Those entries, the warnings and {@code job_submit_user_msg} become notices.
     * Returns null when there is no job id (the caller then reports the errors).
     */
    public static SubmitResult submitResult(JsonNode body, ApiVersion version) {
        long jobId = body.path("job_id").asLong(0);
        if (jobId <= 0) {
            jobId = body.path("result").path("job_id").asLong(0); // v0.0.40/41 also nest it under result
        }
        if (jobId <= 0) {
            return null;
        }
        List<SlurmError> notices = new ArrayList<>();
        JsonNode result = body.path("result"); // v0.0.40/41: {job_id, error_code: 2042, error: "Job is in held state..."}
        if (result.path("error_code").asInt(0) != 0) {
            String text = result.path("error").asString("");
            notices.add(new SlurmError(result.path("error_code").asInt(), text, text, "result"));
        }
        notices.addAll(RestTransport.readErrors(body, "errors"));
        notices.addAll(RestTransport.readErrors(body, "warnings"));
        String userMessage = Json.text(body.path("job_submit_user_msg"));
        if (userMessage != null) {
            notices.add(new SlurmError(0, userMessage, userMessage, "job_submit"));
        }
        return new SubmitResult(jobId, notices);
    }

    /** A float64 {@code {set, infinite, number}} (or a plain number); the fallback when unset or infinite. */
    static double decimal(JsonNode node, double fallback) {
        if (node.isObject()) {
            if (!node.path("set").asBoolean(true) || node.path("infinite").asBoolean(false)) {
                return fallback;
            }
            node = node.path("number");
        }
        return node.isNumber() ? node.asDouble() : fallback;
    }

    /** v0.0.42+ DELETE job: {@code status[]} of {job_id, error: {code, string, message}}; entries with a code. */
    public static List<SlurmError> signalFailures(JsonNode body) {
        List<SlurmError> out = new ArrayList<>();
        for (JsonNode s : body.path("status")) {
            int code = s.path("error").path("code").asInt(0);
            if (code != 0) {
                out.add(new SlurmError(code, s.path("error").path("string").asString(""),
                        s.path("error").path("message").asString(""), "job " + Json.number(s.path("job_id"), 0)));
            }
        }
        return out;
    }

    /** POST job/{id}: {@code results[]} of {job_id, error_code, error, why}; entries with a code. */
    public static List<SlurmError> updateFailures(JsonNode body) {
        List<SlurmError> out = new ArrayList<>();
        for (JsonNode r : body.path("results")) {
            int code = r.path("error_code").asInt(0);
            if (code != 0) {
                String why = r.path("why").asString("");
                out.add(new SlurmError(code, r.path("error").asString(""), why.isEmpty() ? r.path("error").asString("") : why,
                        "job " + r.path("job_id").asLong(0)));
            }
        }
        return out;
    }

}
