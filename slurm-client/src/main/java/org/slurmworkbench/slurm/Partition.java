package org.slurmworkbench.slurm;

import java.util.List;

/**
 * A partition. {@code maxTimeMinutes} is null where the limit is infinite (UNLIMITED). {@code isDefault} is null
 * where the API does not say (v0.0.40 to v0.0.44 carry no partition flags). {@code maxNodes} (MaxNodes, per job) is
 * null where unlimited.
 */
public record Partition(
        String name,
        String nodeList,
        int totalNodes,
        int totalCpus,
        Boolean isDefault,
        String state,
        Integer maxTimeMinutes,
        Integer defaultTimeMinutes,
        String defaultQos,
        List<String> allowedQos,
        List<String> allowedAccounts,
        Tres tres,
        Integer maxNodes) {
}
