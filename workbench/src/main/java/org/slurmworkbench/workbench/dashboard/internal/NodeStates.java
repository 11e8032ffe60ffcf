package org.slurmworkbench.workbench.dashboard.internal;

import org.slurmworkbench.slurm.Node;

/**
 * A node's state in one word, the way {@code sinfo -o %T} names it, and whether its free CPUs count as unavailable
 * (sinfo's "other"): the node record's own rules ({@link Node#shortState()}, {@link Node#isUnavailable()}).
 */
final class NodeStates {

    private NodeStates() {
    }

    static String of(Node node) {
        return node.shortState();
    }

    static boolean unavailable(Node node) {
        return node.isUnavailable();
    }
}
