package org.slurmworkbench.workbench.workload.run;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster a run ran on, as it was at the run's start: release and REST API version, its nodes (count, CPUs,
 * memory, GPUs), partitions with their limits, every QOS with its limits, and the scheduler's configuration from
 * slurm.conf where the API offers it ({@code schedulerConfig} null and {@code configNotOffered} saying why where not).
 */
public record ClusterFacts(Instant recordedAt, String release, String apiVersion, int nodes, long cpus,
                           long memoryMb, long gpus, List<PartitionLimits> partitions, List<QosLimits> qos,
                           Map<String, String> schedulerConfig, String configNotOffered) {

    /** A partition and its limits; minutes are null when unlimited or unset. */
    public record PartitionLimits(String name, String state, int nodes, int cpus, Integer maxTimeMinutes,
                                  Integer defaultTimeMinutes, String defaultQos, List<String> allowedQos,
                                  List<String> allowedAccounts) {
    }

    /** A QOS and the limits it puts in effect (TRES limits as Slurm writes them, "cpu=4,gres/gpu=1"). */
    public record QosLimits(String name, long priority, List<String> flags, String maxTresPerUser,
                            String maxTresPerJob, String maxTresPerAccount, String grpTres, Integer maxJobsPerUser,
                            Integer maxSubmitJobsPerUser, Integer grpJobs, Integer maxWallMinutesPerJob,
                            double usageFactor) {
    }

    /**
     * Every fact as one setting (key to value, in a fixed order), for the comparison of two runs: {@code release},
     * {@code nodes.cpus}, {@code partition.NAME.maxTimeMinutes}, {@code qos.NAME.maxTresPerUser},
     * {@code conf.SchedulerParameters} and so on; unset limits as "".
     */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("release", release);
        m.put("apiVersion", apiVersion);
        m.put("nodes.count", String.valueOf(nodes));
        m.put("nodes.cpus", String.valueOf(cpus));
        m.put("nodes.memoryMb", String.valueOf(memoryMb));
        m.put("nodes.gpus", String.valueOf(gpus));
        if (schedulerConfig != null) {
            schedulerConfig.forEach((k, v) -> m.put("conf." + k, v));
        }
        for (PartitionLimits p : partitions) {
            String k = "partition." + p.name() + ".";
            m.put(k + "state", s(p.state()));
            m.put(k + "nodes", String.valueOf(p.nodes()));
            m.put(k + "cpus", String.valueOf(p.cpus()));
            m.put(k + "maxTimeMinutes", s(p.maxTimeMinutes()));
            m.put(k + "defaultTimeMinutes", s(p.defaultTimeMinutes()));
            m.put(k + "defaultQos", s(p.defaultQos()));
            m.put(k + "allowedQos", p.allowedQos() == null ? "" : String.join(",", p.allowedQos()));
            m.put(k + "allowedAccounts", p.allowedAccounts() == null ? "" : String.join(",", p.allowedAccounts()));
        }
        for (QosLimits q : qos) {
            String k = "qos." + q.name() + ".";
            m.put(k + "priority", String.valueOf(q.priority()));
            m.put(k + "flags", q.flags() == null ? "" : String.join(",", q.flags()));
            m.put(k + "maxTresPerUser", s(q.maxTresPerUser()));
            m.put(k + "maxTresPerJob", s(q.maxTresPerJob()));
            m.put(k + "maxTresPerAccount", s(q.maxTresPerAccount()));
            m.put(k + "grpTres", s(q.grpTres()));
            m.put(k + "maxJobsPerUser", s(q.maxJobsPerUser()));
            m.put(k + "maxSubmitJobsPerUser", s(q.maxSubmitJobsPerUser()));
            m.put(k + "grpJobs", s(q.grpJobs()));
            m.put(k + "maxWallMinutesPerJob", s(q.maxWallMinutesPerJob()));
            m.put(k + "usageFactor", String.valueOf(q.usageFactor()));
        }
        return m;
    }

    private static String s(Object o) {
        return o == null ? "" : o.toString();
    }
}
