package org.slurmworkbench.slurm;

import java.util.List;

/**
 * A QOS and its limits. TRES limits are by Slurm TRES name; an absent key means no limit.
 * Integer limits are null when unset or infinite.
 */
public record Qos(
        String name,
        String description,
        long priority,
        List<String> flags,
        Tres maxTresPerUser,
        Tres maxTresPerJob,
        Tres maxTresPerAccount,
        Tres grpTres,
        Integer maxJobsPerUser,
        Integer maxSubmitJobsPerUser,
        Integer grpJobs,
        Integer maxWallMinutesPerJob,
        double usageFactor,
        List<String> preempt) {
}
