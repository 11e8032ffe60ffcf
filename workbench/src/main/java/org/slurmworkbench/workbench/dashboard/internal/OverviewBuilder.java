package org.slurmworkbench.workbench.dashboard.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Reservation;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.dashboard.Overview.Jobs;
import org.slurmworkbench.workbench.dashboard.Overview.Memory;
import org.slurmworkbench.workbench.dashboard.Overview.NodeCell;
import org.slurmworkbench.workbench.dashboard.Overview.NodeJob;
import org.slurmworkbench.workbench.dashboard.Overview.ReservationMark;
import org.slurmworkbench.workbench.dashboard.Overview.PartitionSummary;
import org.slurmworkbench.workbench.dashboard.Overview.Ranked;
import org.slurmworkbench.workbench.dashboard.Overview.Resources;
import org.slurmworkbench.workbench.dashboard.Overview.Top;
import org.slurmworkbench.workbench.cluster.ArrayTasks;
import org.slurmworkbench.workbench.cluster.HostList;

/** Builds an {@link Overview} from one read of nodes, partitions and jobs. Pure: no I/O, easy to test. */
final class OverviewBuilder {

    static final int TOP = 5;

    private OverviewBuilder() {
    }

    static Overview build(String cluster, Instant fetchedAt, List<Node> nodes, List<Partition> partitions, List<Job> jobs) {
        return build(cluster, fetchedAt, nodes, partitions, jobs, List.of());
    }

    static Overview build(String cluster, Instant fetchedAt, List<Node> nodes, List<Partition> partitions, List<Job> jobs,
                          List<Reservation> reservations) {
        Map<String, Integer> states = new LinkedHashMap<>();
        Resources cpus = Resources.ZERO;
        Resources gpus = Resources.ZERO;
        long memory = 0;
        long allocatedMemory = 0;
        for (Node n : nodes) {
            states.merge(NodeStates.of(n), 1, Integer::sum);
            cpus = cpus.plus(cpus(n));
            gpus = gpus.plus(gpus(n));
            memory += n.realMemoryMb();
            allocatedMemory += n.allocatedMemoryMb();
        }
        JobTally tally = JobTally.of(jobs);
        List<PartitionSummary> parts = partitions.stream().map(p -> partition(p, nodes, tally)).toList();
        return new Overview(cluster, fetchedAt, false, 0L, null, sortedByCount(states), cpus, gpus,
                new Memory(memory, allocatedMemory),
                new Jobs(tally.running, tally.pending, tally.other, byCountDescending(tally.pendingByReason)),
                parts, top(tally), grid(nodes, tally, reservations, fetchedAt), marks(reservations, fetchedAt));
    }

    private static List<ReservationMark> marks(List<Reservation> reservations, Instant at) {
        return reservations.stream().map(r -> new ReservationMark(r.name(), r.nodes(), r.start(), r.end(), r.activeAt(at),
                r.flags())).toList();
    }

    static Resources cpus(Node n) {
        return split(n.cpus(), n.allocatedCpus(), NodeStates.unavailable(n));
    }

    static Resources gpus(Node n) {
        return split(n.gpus(), n.allocatedGpus(), NodeStates.unavailable(n));
    }

    /** Like sinfo's A/I/O/T: what is not allocated on an unavailable node is "other", not idle. */
    private static Resources split(long total, long allocated, boolean unavailable) {
        long free = Math.max(0, total - allocated);
        return new Resources(total, allocated, unavailable ? 0 : free, unavailable ? free : 0);
    }

    private static PartitionSummary partition(Partition p, List<Node> nodes, JobTally tally) {
        Resources cpus = Resources.ZERO;
        Resources gpus = Resources.ZERO;
        int count = 0;
        for (Node n : nodes) {
            if (n.partitions().contains(p.name())) {
                count++;
                cpus = cpus.plus(cpus(n));
                gpus = gpus.plus(gpus(n));
            }
        }
        return new PartitionSummary(p.name(), Boolean.TRUE.equals(p.isDefault()), p.state(), count, cpus, gpus,
                tally.runningByPartition.getOrDefault(p.name(), 0L), tally.pendingByPartition.getOrDefault(p.name(), 0L),
                p.maxTimeMinutes(), p.defaultTimeMinutes(), p.defaultQos(), p.allowedQos(), p.allowedAccounts(), p.maxNodes());
    }

    private static Top top(JobTally t) {
        return new Top(top(t.users, Usage::cpus), top(t.users, Usage::gpus), top(t.users, Usage::pending),
                top(t.accounts, Usage::cpus), top(t.accounts, Usage::gpus), top(t.accounts, Usage::pending));
    }

    private static List<Ranked> top(Map<String, Usage> usage, ToLongFunction<Usage> value) {
        return usage.entrySet().stream().filter(e -> value.applyAsLong(e.getValue()) > 0)
                .sorted(Comparator.<Map.Entry<String, Usage>>comparingLong(e -> value.applyAsLong(e.getValue())).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP).map(e -> new Ranked(e.getKey(), value.applyAsLong(e.getValue()))).toList();
    }

    private static List<NodeCell> grid(List<Node> nodes, JobTally tally, List<Reservation> reservations, Instant at) {
        Map<String, List<String>> reservedNodes = new HashMap<>();
        for (Reservation r : reservations) {
            if (r.end() == null || r.end().isAfter(at)) {
                HostList.expand(r.nodes()).forEach(n -> reservedNodes.computeIfAbsent(n, k -> new ArrayList<>()).add(r.name()));
            }
        }
        List<NodeCell> cells = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            List<String> flags = n.states().size() > 1 ? n.states().subList(1, n.states().size()) : List.of();
            String reason = n.reason() == null || n.reason().isBlank() ? null : n.reason();
            cells.add(new NodeCell(n.name(), NodeStates.of(n), List.copyOf(flags), n.cpus(), n.allocatedCpus(), n.gpus(),
                    n.allocatedGpus(), n.realMemoryMb(), n.allocatedMemoryMb(), List.copyOf(n.partitions()), reason,
                    tally.jobsByNode.getOrDefault(n.name(), List.of()), reservedNodes.getOrDefault(n.name(), List.of())));
        }
        return cells;
    }

    private static Map<String, Integer> sortedByCount(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Map<String, Long> byCountDescending(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Running CPUs and GPUs and pending jobs of one user or account. */
    static final class Usage {
        long cpus;
        long gpus;
        long pending;

        long cpus() { return cpus; }
        long gpus() { return gpus; }
        long pending() { return pending; }
    }

    /** One pass over the jobs: counts as squeue -r gives them, by reason, partition, user, account and node. */
    static final class JobTally {
        long running;
        long pending;
        long other;
        final Map<String, Long> pendingByReason = new HashMap<>();
        final Map<String, Long> runningByPartition = new HashMap<>();
        final Map<String, Long> pendingByPartition = new HashMap<>();
        final Map<String, Usage> users = new HashMap<>();
        final Map<String, Usage> accounts = new HashMap<>();
        final Map<String, List<NodeJob>> jobsByNode = new HashMap<>();

        static JobTally of(List<Job> jobs) {
            JobTally t = new JobTally();
            jobs.forEach(t::add);
            return t;
        }

        private void add(Job j) {
            if (j.isFinished()) {
                return;
            }
            String user = j.user() == null ? "?" : j.user();
            String account = j.account() == null ? "?" : j.account();
            switch (j.state()) {
                case "PENDING" -> {
                    long tasks = isPendingArrayRecord(j) ? ArrayTasks.count(j.arrayTaskString()) : 1;
                    pending += tasks;
                    String reason = j.stateReason() == null || j.stateReason().isBlank() ? "None" : j.stateReason();
                    pendingByReason.merge(reason, tasks, Long::sum);
                    partitions(j).forEach(p -> pendingByPartition.merge(p, tasks, Long::sum));
                    users.computeIfAbsent(user, k -> new Usage()).pending += tasks;
                    accounts.computeIfAbsent(account, k -> new Usage()).pending += tasks;
                }
                case "RUNNING" -> {
                    running++;
                    partitions(j).forEach(p -> runningByPartition.merge(p, 1L, Long::sum));
                    long cpus = j.tresAllocated().cpus() > 0 ? j.tresAllocated().cpus() : j.cpus();
                    for (Usage u : List.of(users.computeIfAbsent(user, k -> new Usage()),
                            accounts.computeIfAbsent(account, k -> new Usage()))) {
                        u.cpus += cpus;
                        u.gpus += j.gpus();
                    }
                    onNodes(j, cpus);
                }
                default -> {
                    other++;
                    onNodes(j, j.cpus());
                }
            }
        }

        /** A pending array record stands for all tasks in its task string until they start. */
        private static boolean isPendingArrayRecord(Job j) {
            return j.isArray() && j.arrayTaskId() == null && j.arrayTaskString() != null && !j.arrayTaskString().isBlank();
        }

        private static List<String> partitions(Job j) {
            return j.partition() == null ? List.of() : List.of(j.partition().split(","));
        }

        private void onNodes(Job j, long cpus) {
            String id = j.isArray() && j.arrayTaskId() != null ? j.arrayJobId() + "_" + j.arrayTaskId() : Long.toString(j.jobId());
            NodeJob job = new NodeJob(id, j.jobId(), j.name(), j.user(), j.account(), j.partition(), cpus, j.gpus(), j.startTime());
            for (String node : HostList.expand(j.nodes())) {
                jobsByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(job);
            }
        }
    }
}
