package org.slurmworkbench.slurm;

import java.util.List;

/**
 * A partition. {@code maxTimeMinutes} is null where the limit is infinite (UNLIMITED).
 */
public record Partition(
        String name,
        String nodeList,
        int totalNodes,
        int totalCpus,
        boolean isDefault,
        String state,
        Integer maxTimeMinutes,
        Integer defaultTimeMinutes,
        String defaultQos,
        List<String> allowedQos,
        List<String> allowedAccounts,
        Tres tres) {
}
