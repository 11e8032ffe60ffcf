package org.slurmworkbench.workbench.nodes.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.slurm.GresItem;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Reservation;
import org.slurmworkbench.workbench.cluster.HostList;
import org.slurmworkbench.workbench.security.JobScope;
import org.slurmworkbench.workbench.web.Units;

/**
 * A node as the API and its page show it, in {@code scontrol show node}'s terms: {@code state} in one word as sinfo
 * names it and {@code states} as Slurm lists them (base state, then flags), the reason with who set it and when,
 * features, GRES per type with how many are in use, CPUs and load, memory in MiB, partitions, the reservations that
 * include it, and the jobs on it the viewer may see. {@code actions} says what an admin can do now (null for others).
 */
record NodeDetail(String cluster, String name, String state, List<String> states, String reason, String reasonSetBy,
                  Instant reasonChangedAt, List<String> features, List<String> activeFeatures, List<Gres> gres,
                  int cpus, int allocatedCpus, double cpuLoad, Memory memory, List<String> partitions,
                  List<String> reservations, Instant bootTime, String slurmdVersion, Actions actions, List<JobOnNode> jobs) {

    /** One GRES type: configured {@code count}, {@code used} of them now. */
    record Gres(String name, String type, long count, long used) {
        public String label() {
            return name + (type == null ? "" : ":" + type);
        }
    }

    /** Memory in MiB: configured ({@code RealMemory}), allocated to jobs ({@code AllocMem}) and free as the OS reports it ({@code FreeMem}). */
    record Memory(long realMib, long allocatedMib, long freeMib) {
        public String realText() {
            return Units.mib(realMib);
        }

        public String allocatedText() {
            return Units.mib(allocatedMib);
        }

        public String freeText() {
            return Units.mib(freeMib);
        }

        public String allocatedPercent() {
            return Units.percent(allocatedMib, realMib);
        }
    }

    /**
     * What an admin may do on this node now: {@code offered} is false where the REST API has no node update (22.05);
     * {@code drain} when it is not drained, {@code resume} when it is drained, draining or down.
     */
    record Actions(boolean offered, boolean drain, boolean resume) {
    }

    /** A job on the node, with its page's path. {@code id} is "123" or "120_4" for an array task. */
    record JobOnNode(String id, String name, String user, String account, String partition, String state, long cpus,
                     long gpus, Instant startTime, String page) {
    }

    static NodeDetail of(String cluster, Node n, List<Reservation> reservations, List<JobOnNode> jobs, Actions actions) {
        List<String> reserved = reservations.stream().filter(r -> HostList.expand(r.nodes()).contains(n.name()))
                .map(Reservation::name).toList();
        return new NodeDetail(cluster, n.name(), n.shortState(), n.states(), blankToNull(n.reason()), n.reasonSetBy(),
                n.reasonChangedAt(), n.features(), n.activeFeatures(), gres(n), n.cpus(), n.allocatedCpus(), n.cpuLoad(),
                new Memory(n.realMemoryMb(), n.allocatedMemoryMb(), n.freeMemoryMb()), n.partitions(), reserved,
                n.bootTime(), n.slurmdVersion(), actions, jobs);
    }

    /** Configured GRES per name and type, with the used count of the same name and type (or name alone, untyped). */
    static List<Gres> gres(Node n) {
        Map<String, Long> used = new HashMap<>();
        for (GresItem u : GresItem.parse(n.gresUsed())) {
            used.merge(u.name() + ":" + u.type(), u.count(), Long::sum);
            used.merge(u.name() + ":*", u.count(), Long::sum);
        }
        List<Gres> out = new ArrayList<>();
        List<GresItem> configured = GresItem.parse(n.gres());
        for (GresItem c : configured) {
            long u = used.getOrDefault(c.name() + ":" + c.type(),
                    configured.stream().filter(o -> o.name().equals(c.name())).count() == 1 ? used.getOrDefault(c.name() + ":*", 0L) : 0L);
            out.add(new Gres(c.name(), c.type(), c.count(), u));
        }
        return out;
    }

    /**
     * The jobs slurmctld has on each node (running, suspended, completing...: not pending, not ended), those the viewer
     * may see only, from the shared list: one pass over it, no call per job.
     */
    static Map<String, List<JobOnNode>> jobsByNode(String cluster, List<Job> jobs, JobScope scope) {
        Map<String, List<JobOnNode>> out = new HashMap<>();
        for (Job j : jobs) {
            if (j.nodes() == null || j.nodes().isBlank() || "PENDING".equals(j.state()) || j.isFinished()
                    || !scope.includes(j.user(), j.account())) {
                continue;
            }
            String id = j.isArray() && j.arrayTaskId() != null ? j.arrayJobId() + "_" + j.arrayTaskId() : Long.toString(j.jobId());
            long cpus = j.tresAllocated() != null && j.tresAllocated().cpus() > 0 ? j.tresAllocated().cpus() : j.cpus();
            JobOnNode row = new JobOnNode(id, j.name(), j.user(), j.account(), j.partition(), j.state(), cpus, j.gpus(),
                    j.startTime(), "/submit/jobs/" + cluster + "/" + id);
            for (String node : HostList.expand(j.nodes())) {
                out.computeIfAbsent(node, k -> new ArrayList<>()).add(row);
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public String cpuLoadPercent() {
        return Units.percent(Math.round(cpuLoad * 100), cpus * 100L);
    }
}
