package org.slurmworkbench.slurm.v0038;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.JobUpdate;
import org.slurmworkbench.slurm.QosChange;
import org.slurmworkbench.slurm.rest.RestTransport;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds v0.0.38 request bodies (Slurm 22.05). Every job field goes through the same option parser as
 * sbatch there, so names are sbatch's long options in snake case; keys unknown to 22.05 (such as
 * {@code tres_per_node}) make the whole request fail, so only known keys are written.
 */
public final class V0038Writer {

    /** 22.05 rejects a job without environment (error 2019/2127); this is the minimum a batch script needs. */
    public static final Map<String, String> DEFAULT_ENVIRONMENT = Map.of("PATH", "/bin:/usr/bin:/usr/local/bin");
    /** 22.05 rejects a job without a working directory (error 2063); /tmp exists and is writable everywhere. */
    public static final String DEFAULT_WORK_DIR = "/tmp";

    private V0038Writer() {
    }

    /** {@code {"script": ..., "job": {...}}}: the script sits beside the job on v0.0.38. */
    public static ObjectNode submission(JobSubmission s) {
        ObjectNode root = RestTransport.JSON.createObjectNode();
        root.put("script", s.script());
        ObjectNode job = root.putObject("job");
        putIfSet(job, "name", s.name());
        putIfSet(job, "partition", s.partition());
        putIfSet(job, "account", s.account());
        putIfSet(job, "qos", s.qos());
        putIfSet(job, "nodes", s.nodes());
        putIfSet(job, "tasks", s.tasks());
        putIfSet(job, "cpus_per_task", s.cpusPerTask());
        putIfSet(job, "memory_per_cpu", s.memoryPerCpuMb());
        putIfSet(job, "memory_per_node", s.memoryPerNodeMb());
        putIfSet(job, "time_limit", s.timeLimitMinutes());
        putIfSet(job, "array", s.array());
        putIfSet(job, "gres", gres(s.gpusPerNode(), s.gpuType()));
        job.put("current_working_directory", s.workDir() == null || s.workDir().isBlank() ? DEFAULT_WORK_DIR : s.workDir());
        putIfSet(job, "standard_output", s.standardOutput());
        putIfSet(job, "standard_error", s.standardError());
        putIfSet(job, "comment", s.comment());
        putIfSet(job, "dependency", s.dependency());
        putIfSet(job, "constraints", s.constraints());
        if (s.hold()) {
            job.put("hold", true);
        }
        if (s.beginTime() != null) {
            // 22.05 reads begin_time with parse_time(), which takes no epoch seconds; "now+N" also needs no time zone
            long ahead = java.time.Duration.between(java.time.Instant.now(), s.beginTime()).toSeconds();
            job.put("begin_time", ahead > 0 ? "now+" + ahead : "now");
        }
        Map<String, String> env = new LinkedHashMap<>(DEFAULT_ENVIRONMENT);
        env.putAll(s.environment());
        ObjectNode environment = job.putObject("environment");
        env.forEach(environment::put);
        return root;
    }

    /** GPUs per node as a gres request: {@code gpu:2} or {@code gpu:a100:2}; null when no GPUs are asked for. */
    static String gres(Integer gpusPerNode, String gpuType) {
        if (gpusPerNode == null || gpusPerNode <= 0) {
            return null;
        }
        return gpuType == null || gpuType.isBlank() ? "gpu:" + gpusPerNode : "gpu:" + gpuType + ":" + gpusPerNode;
    }

    /**
     * The body of {@code POST /slurm/v0.0.38/job/{id}}: only the changed fields, unwrapped. {@code hold: true}
     * holds, {@code hold: false} releases (seen on 22.05.8: priority back from 0, reason JobHeldUser gone).
     */
    public static ObjectNode jobUpdate(JobUpdate u) {
        ObjectNode job = RestTransport.JSON.createObjectNode();
        putIfSet(job, "time_limit", u.timeLimitMinutes());
        putIfSet(job, "name", u.name());
        putIfSet(job, "comment", u.comment());
        putIfSet(job, "partition", u.partition());
        putIfSet(job, "qos", u.qos());
        if (u.hold() != null) {
            job.put("hold", u.hold());
        }
        putIfSet(job, "priority", u.priority());
        return job;
    }

    /**
     * {@code {"QOS": [{...}]}} for {@code POST /slurmdb/v0.0.38/qos}: names and the limits being changed only
     * (22.05.8 changes exactly what is given, checked with sacctmgr). -1 removes a limit, for TRES counts and
     * integer limits alike.
     */
    public static ObjectNode qosChange(QosChange c) {
        ObjectNode root = RestTransport.JSON.createObjectNode();
        ObjectNode qos = root.putArray("QOS").addObject();
        qos.put("name", c.name());
        putIfSet(qos, "description", c.description());
        putIfSet(qos, "priority", c.priority());
        ObjectNode limits = RestTransport.JSON.createObjectNode();
        ObjectNode max = limits.putObject("max");
        ObjectNode tres = RestTransport.JSON.createObjectNode();
        if (!c.maxTresPerUser().isEmpty()) {
            tresList(tres.withObject("/per").putArray("user"), c.maxTresPerUser());
        }
        if (!c.maxTresPerJob().isEmpty()) {
            tresList(tres.withObject("/per").putArray("job"), c.maxTresPerJob());
        }
        if (!c.grpTres().isEmpty()) {
            tresList(tres.putArray("total"), c.grpTres());
        }
        if (!tres.isEmpty()) {
            max.set("tres", tres);
        }
        if (c.maxJobsPerUser() != null) {
            max.withObject("/jobs/active_jobs/per").put("user", limitValue(c.maxJobsPerUser()));
        }
        if (c.maxSubmitJobsPerUser() != null) {
            max.withObject("/jobs/per").put("user", limitValue(c.maxSubmitJobsPerUser()));
        }
        if (c.maxWallMinutesPerJob() != null) {
            max.withObject("/wall_clock/per").put("job", limitValue(c.maxWallMinutesPerJob()));
        }
        if (!max.isEmpty()) {
            qos.set("limits", limits);
        }
        return root;
    }

    private static long limitValue(int value) {
        return value < 0 ? QosChange.REMOVE : value;
    }

    /** "cpu" -> {type: cpu}; "gres/gpu" -> {type: gres, name: gpu}; "gres/gpu:a100" -> {type: gres, name: gpu:a100}. */
    private static void tresList(ArrayNode out, Map<String, Long> limits) {
        limits.forEach((key, count) -> {
            ObjectNode t = out.addObject();
            int slash = key.indexOf('/');
            t.put("type", slash < 0 ? key : key.substring(0, slash));
            if (slash >= 0) {
                t.put("name", key.substring(slash + 1));
            }
            t.put("count", count < 0 ? QosChange.REMOVE : count);
        });
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null && !value.isBlank()) {
            node.put(key, value);
        }
    }

    private static void putIfSet(ObjectNode node, String key, Number value) {
        if (value != null) {
            node.put(key, value.longValue());
        }
    }
}
