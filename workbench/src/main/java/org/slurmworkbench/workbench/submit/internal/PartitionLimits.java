package org.slurmworkbench.workbench.submit.internal;

import java.util.List;
import org.slurmworkbench.workbench.dashboard.Overview.NodeCell;
import org.slurmworkbench.workbench.dashboard.Overview.PartitionSummary;
import org.slurmworkbench.workbench.submit.JobPlacement.Placement;
import org.slurmworkbench.workbench.web.Units;
import org.springframework.validation.Errors;

/**
 * The size limits of one partition a request must fit, as Slurm would judge them at submission or leave the job
 * pending for ever (PartitionConfig): MaxNodes and the partition's node count, and per node the CPUs, memory and GPUs
 * of its largest node. Each refusal is on the request's field and names the partition and the limit.
 */
record PartitionLimits(String partition, int nodes, Integer maxNodes, int cpusPerNode, long memoryMbPerNode,
                       int gpusPerNode) {

    PartitionLimits(PartitionSummary p, List<NodeCell> cells) {
        this(p.name(), p.nodes(), p.maxNodes(),
                members(cells, p).mapToInt(NodeCell::cpus).max().orElse(0),
                members(cells, p).mapToLong(NodeCell::memoryMb).max().orElse(0),
                members(cells, p).mapToInt(NodeCell::gpus).max().orElse(0));
    }

    private static java.util.stream.Stream<NodeCell> members(List<NodeCell> cells, PartitionSummary p) {
        return cells.stream().filter(n -> n.partitions() != null && n.partitions().contains(p.name()));
    }

    void check(Placement p, Errors errors) {
        if (p.nodes() != null && maxNodes != null && p.nodes() > maxNodes) {
            errors.rejectValue("nodes", "submit.error.nodes.max", new Object[]{partition, maxNodes}, "more than MaxNodes");
        } else if (p.nodes() != null && p.nodes() > nodes) {
            errors.rejectValue("nodes", "submit.error.nodes.partition", new Object[]{partition, nodes},
                    "is more than the partition has");
        }
        if (p.gpus() != null && p.gpus() > 0 && gpusPerNode == 0) {
            errors.rejectValue("gpus", "submit.error.gpus.partition", new Object[]{partition}, "the partition has no GPUs");
        } else if (p.gpus() != null && p.gpus() > gpusPerNode) {
            errors.rejectValue("gpus", "submit.error.gpus.node", new Object[]{partition, gpusPerNode}, "more GPUs than a node has");
        }
        if (cpusPerNode == 0) {
            return; // no node seen (an empty partition): nothing to measure against
        }
        int perTask = p.cpusPerTask() == null ? 1 : p.cpusPerTask();
        if (perTask > cpusPerNode) {
            errors.rejectValue("cpusPerTask", "submit.error.cpus.node", new Object[]{partition, cpusPerNode},
                    "more CPUs than a node has");
        } else if (p.tasks() != null && (long) p.tasks() * perTask > (long) (p.nodes() == null ? nodes : p.nodes()) * cpusPerNode) {
            int on = p.nodes() == null ? nodes : p.nodes();
            errors.rejectValue("tasks", "submit.error.cpus.nodes", new Object[]{partition, on, (long) on * cpusPerNode},
                    "more CPUs than the nodes have");
        }
        if (p.memoryMb() != null && memoryMbPerNode > 0) {
            long perNode = p.memoryPerCpu() ? p.memoryMb() * perTask : p.memoryMb();
            if (perNode > memoryMbPerNode) {
                errors.rejectValue("memory", "submit.error.memory.node", new Object[]{partition, Units.mib(memoryMbPerNode)},
                        "more memory than a node has");
            }
        }
    }
}
