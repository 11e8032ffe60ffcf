package org.slurmworkbench.workbench.qos.internal;

import java.time.Instant;
import java.util.List;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Qos;

/**
 * One QOS at one moment: GPUs and CPUs its running jobs hold (in all, and the busiest user's part), the GPU and CPU
 * limits then in force (null: none), the jobs pending with a QOS-limit reason, and the cluster's idle GPUs.
 */
record CeilingSample(String cluster, String qos, Instant at, int gpusUsed, int gpusUserMax, int cpusUsed,
                     int cpusUserMax, Integer grpGpus, Integer userGpus, Integer grpCpus, Integer userCpus,
                     int pendingLimited, int pendingTotal, int idleGpus) {

    static CeilingSample of(String cluster, Qos q, List<Job> jobs, long idleGpus, Instant at) {
        List<Job> running = jobs.stream().filter(QosUse::holdsResources).toList();
        List<Job> pending = jobs.stream().filter(j -> "PENDING".equals(j.state())).toList();
        return new CeilingSample(cluster, q.name(), at,
                (int) sum(running, "gres/gpu"), (int) busiest(running, "gres/gpu"),
                (int) sum(running, "cpu"), (int) busiest(running, "cpu"),
                limit(q.grpTres().values().get("gres/gpu")), limit(q.maxTresPerUser().values().get("gres/gpu")),
                limit(q.grpTres().values().get("cpu")), limit(q.maxTresPerUser().values().get("cpu")),
                (int) pending.stream().filter(j -> QosUse.isQosLimitReason(j.stateReason())).count(), pending.size(),
                (int) idleGpus);
    }

    private static long sum(List<Job> jobs, String tres) {
        return jobs.stream().mapToLong(j -> QosUse.tres(j, tres)).sum();
    }

    private static long busiest(List<Job> jobs, String tres) {
        return jobs.stream().collect(java.util.stream.Collectors.groupingBy(j -> String.valueOf(j.user()),
                java.util.stream.Collectors.summingLong(j -> QosUse.tres(j, tres)))).values().stream()
                .mapToLong(Long::longValue).max().orElse(0);
    }

    private static Integer limit(Long value) {
        return value == null ? null : (int) Math.min(Integer.MAX_VALUE, value);
    }
}
