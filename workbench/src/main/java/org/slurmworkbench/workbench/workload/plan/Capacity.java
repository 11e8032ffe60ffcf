package org.slurmworkbench.workbench.workload.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Partition;

/**
 * What a cluster can give a job, per partition, from its nodes as slurmctld lists them (all nodes, drained or not:
 * a plan outlives a maintenance). Sizes are the smallest node's, so a job fitting them fits any node of the
 * partition.
 *
 * @param nodes the whole machine's nodes (with its {@code cpus} and {@code gpus}), each counted once even when in
 *              several partitions
 */
public record Capacity(String cluster, int nodes, int cpus, int gpus, List<PartitionCapacity> partitions) {

    public Capacity {
        partitions = List.copyOf(partitions);
    }

    /**
     * @param cpusPerNode     CPUs of its smallest node
     * @param gpuNodes        how many of its nodes have GPUs
     * @param gpusPerNode     GPUs of its smallest GPU node (0 without GPU nodes)
     * @param maxTimeMinutes  its time limit, 0 for none
     */
    public record PartitionCapacity(String name, boolean isDefault, int nodes, int cpus, int cpusPerNode, int gpuNodes,
                                    int gpusPerNode, int gpus, int maxTimeMinutes) {
    }

    static Capacity of(String cluster, List<Node> nodes, List<Partition> partitions) {
        Map<String, Node> byName = new LinkedHashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        List<PartitionCapacity> result = new ArrayList<>();
        for (Partition p : partitions) {
            List<Node> members = byName.values().stream().filter(n -> n.partitions() != null && n.partitions().contains(p.name())).toList();
            List<Node> gpuNodes = members.stream().filter(n -> n.gpus() > 0).toList();
            result.add(new PartitionCapacity(p.name(), Boolean.TRUE.equals(p.isDefault()), members.size(),
                    members.stream().mapToInt(Node::cpus).sum(), members.stream().mapToInt(Node::cpus).min().orElse(0),
                    gpuNodes.size(), gpuNodes.stream().mapToInt(Node::gpus).min().orElse(0),
                    gpuNodes.stream().mapToInt(Node::gpus).sum(), p.maxTimeMinutes() == null ? 0 : p.maxTimeMinutes()));
        }
        return new Capacity(cluster, byName.size(), byName.values().stream().mapToInt(Node::cpus).sum(),
                byName.values().stream().mapToInt(Node::gpus).sum(), result);
    }

    /** The named partition, or null when the cluster has none of that name. */
    public PartitionCapacity partition(String name) {
        for (PartitionCapacity p : partitions) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Where a job without a partition lands: the default partition; where the API does not say which one that is
     * (v0.0.40 to v0.0.44), the smallest of all in every respect, so such a job fits whichever is the default.
     */
    public PartitionCapacity defaultPartition() {
        for (PartitionCapacity p : partitions) {
            if (p.isDefault()) {
                return p;
            }
        }
        if (partitions.isEmpty()) {
            return new PartitionCapacity(null, true, 0, 0, 0, 0, 0, 0, 0);
        }
        return new PartitionCapacity(null, true, min(PartitionCapacity::nodes), min(PartitionCapacity::cpus),
                min(PartitionCapacity::cpusPerNode), min(PartitionCapacity::gpuNodes), min(PartitionCapacity::gpusPerNode),
                min(PartitionCapacity::gpus), partitions.stream().mapToInt(PartitionCapacity::maxTimeMinutes)
                        .filter(m -> m > 0).min().orElse(0));
    }

    /** Partitions with GPU nodes, in the cluster's order. */
    List<PartitionCapacity> gpuPartitions() {
        return partitions.stream().filter(p -> p.gpuNodes() > 0 && p.gpusPerNode() > 0).toList();
    }

    /** The most CPUs per node any partition offers on all its nodes (what a whole-node job asks at most). */
    int largestCpusPerNode() {
        return partitions.stream().mapToInt(PartitionCapacity::cpusPerNode).max().orElse(0);
    }

    private int min(java.util.function.ToIntFunction<PartitionCapacity> f) {
        return partitions.stream().mapToInt(f).min().orElse(0);
    }
}
