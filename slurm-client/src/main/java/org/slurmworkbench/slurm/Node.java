package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A compute node. {@code states} holds the base state first (IDLE, MIXED, ALLOCATED, DOWN, ...) followed by
 * flags (DRAIN, COMPLETING, RESERVED, ...), upper case, the same on every release. {@code reasonSetBy} and
 * {@code reasonChangedAt} say who set {@code reason} and when (null when no reason is set); {@code gres} and
 * {@code gresUsed} are Slurm's GRES strings ("gpu:a100:2(S:0-1)", "gpu:a100:1(IDX:0)"), read with {@link GresItem}.
 */
public record Node(
        String name,
        List<String> states,
        int cpus,
        int allocatedCpus,
        long realMemoryMb,
        long allocatedMemoryMb,
        long freeMemoryMb,
        int gpus,
        int allocatedGpus,
        List<String> partitions,
        String reason,
        double cpuLoad,
        Instant bootTime,
        String slurmdVersion,
        Tres tres,
        List<String> features,
        List<String> activeFeatures,
        String gres,
        String gresUsed,
        String reasonSetBy,
        Instant reasonChangedAt) {

    /** Base states in which a node can take no work. */
    private static final Set<String> UNAVAILABLE = Set.of("DOWN", "FAIL", "FAILING", "FUTURE", "UNKNOWN", "ERROR");

    public Node {
        states = states == null ? List.of() : List.copyOf(states);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        features = features == null ? List.of() : List.copyOf(features);
        activeFeatures = activeFeatures == null ? List.of() : List.copyOf(activeFeatures);
    }

    /** A node without the detail fields (features, GRES strings, who set the reason and when). */
    public Node(String name, List<String> states, int cpus, int allocatedCpus, long realMemoryMb, long allocatedMemoryMb,
                long freeMemoryMb, int gpus, int allocatedGpus, List<String> partitions, String reason, double cpuLoad,
                Instant bootTime, String slurmdVersion, Tres tres) {
        this(name, states, cpus, allocatedCpus, realMemoryMb, allocatedMemoryMb, freeMemoryMb, gpus, allocatedGpus,
                partitions, reason, cpuLoad, bootTime, slurmdVersion, tres, List.of(), List.of(), null, null, null, null);
    }

    public String baseState() {
        return states.isEmpty() ? "UNKNOWN" : states.getFirst();
    }

    public boolean hasState(String flag) {
        return states.contains(flag);
    }

    /** Drained or draining nodes take no new work, whatever their base state. */
    public boolean isDrain() {
        return hasState("DRAIN");
    }

    /**
     * The state in one word, the way {@code sinfo -o %T} names it: idle, mixed, allocated, down, drained, draining,
     * completing, reserved, maint, inval, planned, future, fail, unknown...
     */
    public String shortState() {
        String base = baseState();
        if (isDrain()) {
            boolean busy = base.equals("ALLOCATED") || base.equals("MIXED") || hasState("COMPLETING");
            return busy ? "draining" : "drained";
        }
        for (String flag : List.of("COMPLETING", "MAINTENANCE", "RESERVED", "PLANNED", "INVALID_REG")) {
            if (hasState(flag) && !base.equals("DOWN")) {
                return switch (flag) {
                    case "MAINTENANCE" -> "maint";
                    case "INVALID_REG" -> "inval";
                    default -> flag.toLowerCase();
                };
            }
        }
        return base.toLowerCase();
    }

    /** Down, failed or drained/draining: its idle resources are not available to new jobs. */
    public boolean isUnavailable() {
        return isDrain() || UNAVAILABLE.contains(baseState()) || hasState("FAIL");
    }

    /** Whether an admin's drain can apply: not drained or draining already. */
    public boolean canDrain() {
        return !isDrain();
    }

    /** Whether an admin's resume can apply: drained, draining, down or failed. */
    public boolean canResume() {
        return isDrain() || baseState().equals("DOWN") || hasState("FAIL");
    }
}
