package org.slurmworkbench.workbench.qos.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.slurm.Tres;

/**
 * A QOS, its limits and their current use, as Slurm counts it: GrpTRES against the sum over the QOS's running jobs,
 * MaxTRESPerUser and MaxJobsPerUser against the busiest user, MaxTRESPerJob against the largest running job,
 * MaxSubmitJobsPerUser against the user with the most running plus pending jobs. A pending array record counts as
 * one job here (slurmrestd lists it as one record until its tasks start).
 */
record QosUse(
        String cluster,
        String name,
        QosLimits limits,
        List<String> flags,
        List<String> preempt,
        int runningJobs,
        int pendingJobs,
        int pendingOnQosLimits,
        List<LimitUse> uses) {

    /** Use at or above this share of a limit is shown as near the ceiling. */
    static final int NEAR_PERCENT = 80;

    /**
     * One limit and its use. {@code tres} is null for job-count limits; {@code by} names the user or job whose use
     * is shown for per-user and per-job limits. {@code level} is "ok", "near" (>= 80 %) or "full" (>= 100 %).
     */
    public record LimitUse(String limit, String tres, long max, long used, String by, int percent, String level) {

        static LimitUse of(String limit, String tres, long max, long used, String by) {
            int percent = max <= 0 ? (used > 0 ? 100 : 0) : (int) Math.min(999, used * 100 / max);
            return new LimitUse(limit, tres, max, used, by, percent,
                    percent >= 100 ? "full" : percent >= NEAR_PERCENT ? "near" : "ok");
        }
    }

    /** The highest level among this QOS's limits. */
    public String level() {
        return uses.stream().map(LimitUse::level).reduce("ok", (a, b) -> rank(b) > rank(a) ? b : a);
    }

    private static int rank(String level) {
        return switch (level) {
            case "full" -> 2;
            case "near" -> 1;
            default -> 0;
        };
    }

    /** {@code jobs}: the jobs of this QOS only. */
    static QosUse of(String cluster, Qos q, List<Job> jobs) {
        List<Job> running = jobs.stream().filter(QosUse::holdsResources).toList();
        List<Job> pending = jobs.stream().filter(j -> "PENDING".equals(j.state())).toList();
        List<LimitUse> uses = new ArrayList<>();
        q.grpTres().values().forEach((tres, max) -> uses.add(LimitUse.of("GrpTRES", tres, max,
                running.stream().mapToLong(j -> tres(j, tres)).sum(), null)));
        q.maxTresPerUser().values().forEach((tres, max) -> {
            Busiest b = busiest(running, j -> tres(j, tres));
            uses.add(LimitUse.of("MaxTRESPerUser", tres, max, b.amount, b.user));
        });
        q.maxTresPerJob().values().forEach((tres, max) -> {
            Job largest = running.stream().max(java.util.Comparator.comparingLong(j -> tres(j, tres))).orElse(null);
            uses.add(LimitUse.of("MaxTRESPerJob", tres, max, largest == null ? 0 : tres(largest, tres),
                    largest == null ? null : Long.toString(largest.jobId())));
        });
        if (q.maxJobsPerUser() != null) {
            Busiest b = busiest(running, j -> 1);
            uses.add(LimitUse.of("MaxJobsPerUser", null, q.maxJobsPerUser(), b.amount, b.user));
        }
        if (q.maxSubmitJobsPerUser() != null) {
            List<Job> submitted = new ArrayList<>(running);
            submitted.addAll(pending);
            Busiest b = busiest(submitted, j -> 1);
            uses.add(LimitUse.of("MaxSubmitJobsPerUser", null, q.maxSubmitJobsPerUser(), b.amount, b.user));
        }
        int onLimits = (int) pending.stream().filter(j -> isQosLimitReason(j.stateReason())).count();
        return new QosUse(cluster, q.name(), QosLimits.of(q), q.flags(), q.preempt(), running.size(), pending.size(),
                onLimits, List.copyOf(uses));
    }

    /** Slurm's reasons for a job held back by a QOS limit: QOSGrpGRES, QOSMaxGRESPerUser, QOSMaxJobsPerUserLimit... */
    static boolean isQosLimitReason(String reason) {
        return reason != null && (reason.startsWith("QOSGrp") || reason.startsWith("QOSMax"));
    }

    /** Running, or still holding what it ran with (Slurm counts these against the QOS until they are done). */
    static boolean holdsResources(Job j) {
        return switch (j.state()) {
            case "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED" -> true;
            default -> false;
        };
    }

    /** A job's amount of one TRES: what it was allocated, or what it asks for while it has nothing yet. */
    static long tres(Job j, String tres) {
        return switch (tres) {
            case "gres/gpu" -> j.gpus();
            case "node" -> Math.max(j.nodeCount(), pick(j.tresAllocated(), j.tresRequested(), tres));
            case "cpu" -> Math.max(j.cpus(), pick(j.tresAllocated(), j.tresRequested(), tres));
            default -> pick(j.tresAllocated(), j.tresRequested(), tres);
        };
    }

    private static long pick(Tres allocated, Tres requested, String tres) {
        long a = allocated.get(tres);
        return a > 0 ? a : requested.get(tres);
    }

    private record Busiest(String user, long amount) {
    }

    private static Busiest busiest(List<Job> jobs, ToLongFunction<Job> amount) {
        Map<String, Long> byUser = new HashMap<>();
        jobs.forEach(j -> byUser.merge(j.user() == null ? "" : j.user(), amount.applyAsLong(j), Long::sum));
        return byUser.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                java.util.Comparator.reverseOrder()))).map(e -> new Busiest(e.getKey(), e.getValue())).orElse(new Busiest(null, 0));
    }
}
