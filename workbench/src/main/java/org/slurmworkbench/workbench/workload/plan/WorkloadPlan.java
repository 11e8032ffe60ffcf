package org.slurmworkbench.workbench.workload.plan;

import java.util.List;

/**
 * A workload ready to run: its submissions ordered by offset, with where it came from ({@code generator:<preset>}
 * or {@code swf:<file name>}) and the seed that reproduces a generated one (0 for an import).
 */
public record WorkloadPlan(String source, long seed, List<PlannedJob> jobs) {

    public WorkloadPlan {
        jobs = List.copyOf(jobs);
    }

    /** Slurm jobs in the plan, counting each array task. */
    public long slurmJobs() {
        return jobs.stream().mapToLong(PlannedJob::slurmJobs).sum();
    }
}
