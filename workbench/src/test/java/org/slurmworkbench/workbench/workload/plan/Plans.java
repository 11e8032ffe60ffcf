package org.slurmworkbench.workbench.workload.plan;

import java.util.List;
import org.slurmworkbench.workbench.workload.plan.Capacity.PartitionCapacity;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.Arrival;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.UserShare;

/** Fixtures of the workload unit tests: the lab's shape as a capacity, and plain parameters to vary. */
public final class Plans {

    public static final List<String> USERS = List.of("alice", "bob", "carol");

    private Plans() {
    }

    /** The lab: cpu (default) c1 c2 and gpu g1 g2 with 4 GPUs each, 32 CPUs a node. */
    public static Capacity lab() {
        return new Capacity("lab", 4, 128, 8, List.of(
                new PartitionCapacity("cpu", true, 2, 64, 32, 0, 0, 0, 0),
                new PartitionCapacity("gpu", false, 2, 64, 32, 2, 4, 8, 0)));
    }

    public static WorkloadParameters params(int jobs, Distribution cpus, Distribution run, Arrival arrival, long seed) {
        return new WorkloadParameters(USERS.stream().map(u -> new UserShare(u, null, 1.0)).toList(), 3600L, jobs, cpus,
                Distribution.fixed(1), run, arrival, null, null, null, null, 1.5, false, seed);
    }

    public static WorkloadParameters simple(int jobs, long seed) {
        return params(jobs, Distribution.choice(1, 4, 2, 2, 4, 1, 8, 1), Distribution.lognormal(60, 1, 1.0, 3600.0),
                new Arrival(Arrival.Process.POISSON, null, null, null), seed);
    }
}
