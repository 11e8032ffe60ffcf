package org.slurmworkbench.workbench.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a cluster looks like right now, in the numbers {@code sinfo}, {@code squeue -r} and {@code scontrol} give.
 * {@code fetchedAt} is when slurmrestd answered (null if it never has); {@code stale} is true when the last
 * attempt to refresh failed ({@code error} says why) and {@code ageSeconds} is how old the data is when served.
 * CPUs and GPUs are split like sinfo's A/I/O/T: allocated, idle, and unavailable (the idle part of down,
 * drained or draining nodes).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Overview(
        String cluster,
        Instant fetchedAt,
        boolean stale,
        Long ageSeconds,
        String error,
        Map<String, Integer> nodeStates,
        Resources cpus,
        Resources gpus,
        Memory memory,
        Jobs jobs,
        List<PartitionSummary> partitions,
        Top top,
        List<NodeCell> nodes,
        List<ReservationMark> reservations) {

    /** No data yet: slurmrestd has never answered since the cache was empty. */
    public static Overview unavailable(String cluster, String error) {
        return new Overview(cluster, null, true, null, error, Map.of(), Resources.ZERO, Resources.ZERO,
                new Memory(0, 0), new Jobs(0, 0, 0, Map.of()), List.of(), new Top(List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of()), List.of(), List.of());
    }

    public boolean hasData() {
        return fetchedAt != null;
    }

    /** This overview as served at {@code now}: its age, and whether the last refresh failed. */
    public Overview servedAt(Instant now, boolean stale, String error) {
        Long age = fetchedAt == null ? null : Math.max(0, Duration.between(fetchedAt, now).toSeconds());
        return new Overview(cluster, fetchedAt, stale, age, stale ? error : null, nodeStates, cpus, gpus, memory, jobs,
                partitions, top, nodes, reservations);
    }

    /** Allocated + idle + unavailable = total. */
    public record Resources(long total, long allocated, long idle, long unavailable) {
        public static final Resources ZERO = new Resources(0, 0, 0, 0);

        public Resources plus(Resources o) {
            return new Resources(total + o.total, allocated + o.allocated, idle + o.idle, unavailable + o.unavailable);
        }

        /** Percent allocated of total, 0 when there is nothing. */
        public int allocatedPercent() {
            return total == 0 ? 0 : (int) Math.round(100.0 * allocated / total);
        }
    }

    /** Memory in MB: configured on the nodes and allocated to jobs. */
    public record Memory(long totalMb, long allocatedMb) {
    }

    /**
     * Job counts as {@code squeue -r} counts them: every array task on its own, also the tasks a pending array
     * record still stands for. {@code other} is suspended, completing, configuring...; {@code pendingByReason}
     * is ordered by count, largest first.
     */
    public record Jobs(long running, long pending, long other, Map<String, Long> pendingByReason) {
    }

    /** One partition: its nodes' resources, its jobs (a job pending in "cpu,gpu" counts in both) and limits. */
    public record PartitionSummary(String name, boolean isDefault, String state, int nodes, Resources cpus,
                                   Resources gpus, long runningJobs, long pendingJobs, Integer maxTimeMinutes,
                                   Integer defaultTimeMinutes, String defaultQos, List<String> allowedQos,
                                   List<String> allowedAccounts, Integer maxNodes) {
    }

    /** The five largest users and accounts by running CPUs, running GPUs and pending jobs. */
    public record Top(List<Ranked> usersByRunningCpus, List<Ranked> usersByRunningGpus, List<Ranked> usersByPendingJobs,
                      List<Ranked> accountsByRunningCpus, List<Ranked> accountsByRunningGpus,
                      List<Ranked> accountsByPendingJobs) {

        /** Rows a table of all six lists needs (the longest list). */
        public int rows() {
            return Stream.of(usersByRunningCpus, usersByRunningGpus, usersByPendingJobs, accountsByRunningCpus,
                    accountsByRunningGpus, accountsByPendingJobs).mapToInt(List::size).max().orElse(0);
        }
    }

    public record Ranked(String name, long value) {
    }

    /**
     * One node of the grid, with the jobs on it (ids, owners and sizes only: never scripts or environments) and the
     * names of the reservations that include it, current or future.
     */
    public record NodeCell(String name, String state, List<String> flags, int cpus, int allocatedCpus, int gpus,
                           int allocatedGpus, long memoryMb, long allocatedMemoryMb, List<String> partitions,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String reason, List<NodeJob> jobs,
                           List<String> reservations) {
    }

    /** A reservation as the grid marks it: its name, nodes, times and whether it is in effect now. */
    public record ReservationMark(String name, String nodes, Instant start, Instant end, boolean active, List<String> flags) {
    }

    /** Reservations in effect at {@code fetchedAt}. */
    public long activeReservations() {
        return reservations == null ? 0 : reservations.stream().filter(ReservationMark::active).count();
    }

    /** A running job as the node grid shows it. {@code id} is "123" or "120_4" for an array task. */
    public record NodeJob(String id, long jobId, String name, String user, String account, String partition, long cpus,
                          long gpus, Instant startTime) {
    }
}
