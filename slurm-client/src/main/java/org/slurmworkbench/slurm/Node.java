package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;

/**
 * A compute node. {@code states} holds the base state first (IDLE, MIXED, ALLOCATED, DOWN, ...) followed by
 * flags (DRAIN, COMPLETING, RESERVED, ...), upper case, the same on every release.
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
        Tres tres) {

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
}
