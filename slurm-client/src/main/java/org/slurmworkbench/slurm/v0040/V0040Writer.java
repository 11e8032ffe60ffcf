package org.slurmworkbench.slurm.v0040;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.JobUpdate;
import org.slurmworkbench.slurm.NewReservation;
import org.slurmworkbench.slurm.QosChange;
import org.slurmworkbench.slurm.rest.RestTransport;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds v0.0.40 to v0.0.45 request bodies. The job description and QOS shapes the writer uses are the same
 * in all of them (checked against the 24.11 and 26.05 specs), so {@code version} selects nothing yet; it is
 * taken so a future difference has one place to go.
 */
public final class V0040Writer {

    /** slurmrestd runs the batch script with exactly this environment; without PATH even bash builtins are lost. */
    public static final Map<String, String> DEFAULT_ENVIRONMENT = Map.of("PATH", "/bin:/usr/bin:/usr/local/bin");
    public static final String DEFAULT_WORK_DIR = "/tmp";

    private V0040Writer() {
    }

    /**
     * {@code {"job": {"script": ..., ...}}}: the script goes inside the job (top-level {@code script} is
     * deprecated from v0.0.41/42). {@code environment} ("K=V" strings) and {@code current_working_directory}
     * are always written: slurmrestd refuses a job without them.
     */
    public static ObjectNode submission(JobSubmission s, ApiVersion version) {
        ObjectNode root = RestTransport.JSON.createObjectNode();
        ObjectNode job = root.putObject("job");
        job.put("script", s.script());
        putText(job, "name", s.name());
        putText(job, "partition", s.partition());
        putText(job, "account", s.account());
        putText(job, "qos", s.qos());
        if (s.nodes() != null) {
            job.put("minimum_nodes", s.nodes());
            job.put("maximum_nodes", s.nodes());
        }
        if (s.tasks() != null) {
            job.put("tasks", s.tasks());
        }
        if (s.cpusPerTask() != null) {
            job.put("cpus_per_task", s.cpusPerTask());
        }
        if (s.memoryPerCpuMb() != null) {
            job.set("memory_per_cpu", noVal(s.memoryPerCpuMb()));
        }
        if (s.memoryPerNodeMb() != null) {
            job.set("memory_per_node", noVal(s.memoryPerNodeMb()));
        }
        if (s.timeLimitMinutes() != null) {
            job.set("time_limit", noVal(s.timeLimitMinutes()));
        }
        putText(job, "array", s.array());
        if (s.gpusPerNode() != null && s.gpusPerNode() > 0) {
            // GPUs are a TRES per node here ("gres/gpu:1", typed "gres/gpu:a100:1"); v0.0.38 used "gres".
            String type = s.gpuType() == null || s.gpuType().isBlank() ? "" : s.gpuType() + ":";
            job.put("tres_per_node", "gres/gpu:" + type + s.gpusPerNode());
        }
        job.put("current_working_directory", s.workDir() == null || s.workDir().isBlank() ? DEFAULT_WORK_DIR : s.workDir());
        putText(job, "standard_output", s.standardOutput());
        putText(job, "standard_error", s.standardError());
        ArrayNode env = job.putArray("environment");
        Map<String, String> merged = new LinkedHashMap<>(DEFAULT_ENVIRONMENT);
        merged.putAll(s.environment());
        merged.forEach((k, v) -> env.add(k + "=" + v));
        putText(job, "comment", s.comment());
        if (s.hold()) {
            job.put("hold", true);
        }
        putText(job, "dependency", s.dependency());
        putText(job, "constraints", s.constraints());
        if (s.beginTime() != null) {
            job.set("begin_time", noVal(s.beginTime().getEpochSecond()));
        }
        return root;
    }

    /** {@code POST /slurm/<v>/job/{id}} takes the job description itself, not wrapped in "job". */
    public static ObjectNode jobUpdate(JobUpdate u, ApiVersion version) {
        ObjectNode job = RestTransport.JSON.createObjectNode();
        if (u.timeLimitMinutes() != null) {
            job.set("time_limit", noVal(u.timeLimitMinutes()));
        }
        putText(job, "name", u.name());
        if (u.comment() != null) {
            job.put("comment", u.comment()); // "" clears the comment
        }
        if (u.hold() != null) {
            job.put("hold", u.hold());
        }
        putText(job, "partition", u.partition());
        putText(job, "qos", u.qos());
        if (u.priority() != null) {
            job.set("priority", noVal(u.priority()));
        }
        return job;
    }

    /**
     * {@code {"qos": [{name, ...}]}}: slurmdbd updates an existing QOS in part (only what is written) or
     * creates it. TRES limits are lists of {type, name, count}; count -1 removes one. An integer limit of -1
     * is written as infinite, which removes it (as {@code sacctmgr ... MaxJobsPerUser=-1}).
     */
    public static ObjectNode qos(QosChange c, ApiVersion version) {
        ObjectNode root = RestTransport.JSON.createObjectNode();
        ObjectNode q = root.putArray("qos").addObject();
        q.put("name", c.name());
        putText(q, "description", c.description());
        if (c.priority() != null) {
            q.set("priority", limit(c.priority()));
        }
        ObjectNode max = RestTransport.JSON.createObjectNode();
        if (!c.maxTresPerUser().isEmpty()) {
            max.withObject("/tres/per").set("user", tresList(c.maxTresPerUser()));
        }
        if (!c.maxTresPerJob().isEmpty()) {
            max.withObject("/tres/per").set("job", tresList(c.maxTresPerJob()));
        }
        if (!c.grpTres().isEmpty()) {
            max.withObject("/tres").set("total", tresList(c.grpTres()));
        }
        if (c.maxJobsPerUser() != null) {
            max.withObject("/jobs/active_jobs/per").set("user", limit(c.maxJobsPerUser()));
        }
        if (c.maxSubmitJobsPerUser() != null) {
            max.withObject("/jobs/per").set("user", limit(c.maxSubmitJobsPerUser()));
        }
        if (c.maxWallMinutesPerJob() != null) {
            max.withObject("/wall_clock/per").set("job", limit(c.maxWallMinutesPerJob()));
        }
        if (!max.isEmpty()) {
            q.putObject("limits").set("max", max);
        }
        return root;
    }

    /** "gres/gpu" -> {type: gres, name: gpu}; "cpu" -> {type: cpu}. */
    static ArrayNode tresList(Map<String, Long> limits) {
        ArrayNode list = RestTransport.JSON.createArrayNode();
        limits.forEach((tres, count) -> {
            ObjectNode t = list.addObject();
            int slash = tres.indexOf('/');
            t.put("type", slash < 0 ? tres : tres.substring(0, slash));
            if (slash >= 0) {
                t.put("name", tres.substring(slash + 1));
            }
            t.put("count", count);
        });
        return list;
    }

    static ObjectNode noVal(long number) {
        ObjectNode n = RestTransport.JSON.createObjectNode();
        n.put("set", true);
        n.put("infinite", false);
        n.put("number", number);
        return n;
    }

    /** A limit where a negative value means "no limit": written as infinite. */
    static ObjectNode limit(long number) {
        if (number >= 0) {
            return noVal(number);
        }
        ObjectNode n = RestTransport.JSON.createObjectNode();
        n.put("set", true);
        n.put("infinite", true);
        n.put("number", 0);
        return n;
    }

    /** POST node/{name}: {@code {"state": [state], "reason": reason}} (reason left out when null). */
    public static ObjectNode nodeState(String state, String reason) {
        ObjectNode body = RestTransport.JSON.createObjectNode();
        body.putArray("state").add(state);
        putText(body, "reason", reason);
        return body;
    }

    /**
     * {@code POST reservation} (v0.0.43+): {@code v0.0.4x_reservation_desc_msg}. Times as epoch seconds in
     * {set, number}; the host list, users and accounts as lists of strings; the end or the duration in minutes.
     */
    public static ObjectNode reservation(NewReservation r, ApiVersion version) {
        ObjectNode body = RestTransport.JSON.createObjectNode();
        body.put("name", r.name());
        if (r.start() != null) {
            body.set("start_time", noVal(r.start().getEpochSecond()));
        }
        if (r.end() != null) {
            body.set("end_time", noVal(r.end().getEpochSecond()));
        }
        if (r.durationMinutes() != null) {
            body.set("duration", noVal(r.durationMinutes()));
        }
        if (r.nodes() != null && !r.nodes().isBlank()) {
            body.putArray("node_list").add(r.nodes());
        }
        if (!r.users().isEmpty()) {
            r.users().forEach(body.putArray("users")::add);
        }
        if (!r.accounts().isEmpty()) {
            r.accounts().forEach(body.putArray("accounts")::add);
        }
        if (!r.flags().isEmpty()) {
            r.flags().forEach(body.putArray("flags")::add);
        }
        return body;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }
}
