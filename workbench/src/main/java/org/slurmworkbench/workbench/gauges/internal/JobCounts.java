package org.slurmworkbench.workbench.gauges.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.workbench.cluster.ArrayTasks;
import org.slurmworkbench.workbench.gauges.internal.LabelBounds.Usage;

/**
 * One pass over a cluster's job list, counted as {@code squeue -r} counts: every array task on its own, also the tasks
 * a pending array record still stands for; a job pending in "cpu,gpu" counts in both partitions. Users and accounts
 * already bounded to the top N by running CPUs. Pure: no I/O.
 */
record JobCounts(Map<String, Map<String, Long>> byPartitionAndState, Map<String, Long> pendingByReason,
                 Map<String, Usage> users, Map<String, Usage> accounts) {

    static JobCounts of(List<Job> jobs, int top) {
        Map<String, Map<String, Long>> byPartition = new TreeMap<>();
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, Usage> users = new HashMap<>();
        Map<String, Usage> accounts = new HashMap<>();
        for (Job j : jobs) {
            if (j.isFinished()) {
                continue;
            }
            boolean pending = "PENDING".equals(j.state());
            long tasks = pending && isPendingArrayRecord(j) ? ArrayTasks.count(j.arrayTaskString()) : 1;
            for (String p : partitions(j)) {
                byPartition.computeIfAbsent(p, k -> new TreeMap<>()).merge(j.state(), tasks, Long::sum);
            }
            if (pending) {
                String reason = j.stateReason() == null || j.stateReason().isBlank() ? "None" : j.stateReason();
                reasons.merge(reason, tasks, Long::sum);
            } else if ("RUNNING".equals(j.state())) {
                long cpus = j.tresAllocated().cpus() > 0 ? j.tresAllocated().cpus() : j.cpus();
                Usage u = new Usage(cpus, j.gpus());
                users.merge(j.user() == null ? "?" : j.user(), u, Usage::plus);
                accounts.merge(j.account() == null ? "?" : j.account(), u, Usage::plus);
            }
        }
        return new JobCounts(byPartition, reasons, LabelBounds.bounded(users, top), LabelBounds.bounded(accounts, top));
    }

    private static boolean isPendingArrayRecord(Job j) {
        return j.isArray() && j.arrayTaskId() == null && j.arrayTaskString() != null && !j.arrayTaskString().isBlank();
    }

    private static List<String> partitions(Job j) {
        return j.partition() == null || j.partition().isBlank() ? List.of("?") : List.of(j.partition().split(","));
    }
}
