package org.slurmworkbench.workbench.dashboard.internal;

import java.util.List;
import java.util.Set;
import org.slurmworkbench.slurm.Node;

/**
 * A node's state in one word, the way {@code sinfo -o %T} names it (idle, mixed, allocated, down, drained,
 * draining, completing, reserved...), and whether its free CPUs count as unavailable (sinfo's "other").
 */
final class NodeStates {

    /** Base states in which a node can take no work. */
    private static final Set<String> UNAVAILABLE = Set.of("DOWN", "FAIL", "FAILING", "FUTURE", "UNKNOWN", "ERROR");

    private NodeStates() {
    }

    static String of(Node node) {
        String base = node.baseState();
        if (node.isDrain()) {
            boolean busy = base.equals("ALLOCATED") || base.equals("MIXED") || node.hasState("COMPLETING");
            return busy ? "draining" : "drained";
        }
        for (String flag : List.of("COMPLETING", "MAINTENANCE", "RESERVED", "PLANNED", "INVALID_REG")) {
            if (node.hasState(flag) && !base.equals("DOWN")) {
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
    static boolean unavailable(Node node) {
        return node.isDrain() || UNAVAILABLE.contains(node.baseState()) || node.hasState("FAIL");
    }
}
