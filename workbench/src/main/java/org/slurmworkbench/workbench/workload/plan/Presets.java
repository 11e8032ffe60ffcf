package org.slurmworkbench.workbench.workload.plan;

import java.util.ArrayList;
import java.util.List;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.Arrival;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.Gpu;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.UserShare;

/**
 * Ready-made parameters sized to a cluster's {@link Capacity}, to edit before running. Each has a fixed seed, so the
 * same preset on the same cluster is the same plan.
 */
public final class Presets {

    /** A preset: its id (also its message key {@code workload.preset.<id>}) and its parameters. */
    public record Preset(String id, WorkloadParameters parameters) {
    }

    public static final String FILL = "fill-machine";
    public static final String STRESS = "scheduler-stress";
    public static final String MIXED = "mixed-hpc-htc";
    /** Their ids, in the order a form offers them. */
    public static final List<String> ALL = List.of(STRESS, MIXED, FILL);

    private Presets() {
    }

    public static List<Preset> of(Capacity c, List<String> users) {
        return List.of(fill(c, users), stress(c, users), mixed(c, users));
    }

    /**
     * Post-upgrade drain test: whole-node jobs, all at once, three per node, the GPU nodes' share of them asking for
     * every GPU of their node; enough to keep every CPU and GPU busy while the first wave runs.
     */
    static Preset fill(Capacity c, List<String> users) {
        int jobs = Math.max(1, 3 * c.nodes());
        List<Capacity.PartitionCapacity> gpu = c.gpuPartitions();
        Gpu gpus = gpu.isEmpty() ? null : new Gpu(gpuNodes(c) / (double) Math.max(1, c.nodes()),
                Distribution.fixed(gpu.stream().mapToInt(Capacity.PartitionCapacity::gpusPerNode).max().orElse(1)));
        return new Preset(FILL, new WorkloadParameters(shares(users), 60L, jobs,
                Distribution.fixed(Math.max(1, c.largestCpusPerNode())), Distribution.fixed(1),
                Distribution.uniform(60, 300), Arrival.allAtOnce(), gpus, null, null, null, 1.5, false, 1L));
    }

    /** Many small short jobs arriving fast (Poisson, 50 a second): the scheduler's and slurmctld's throughput. */
    static Preset stress(Capacity c, List<String> users) {
        int jobs = Math.max(1000, 10 * c.cpus());
        double rate = 50;
        long window = (long) Math.ceil(jobs / rate * 1.2);
        return new Preset(STRESS, new WorkloadParameters(shares(users), window, jobs, Distribution.fixed(1),
                Distribution.fixed(1), Distribution.uniform(1, 5), new Arrival(Arrival.Process.POISSON, rate, null, null),
                null, null, null, null, 2.0, false, 2L));
    }

    /**
     * Mixed HPC/HTC: mostly single-core short jobs (packed into arrays, arriving in bursts) beside wide parallel ones
     * up to the largest partition, log-normal run times, a tenth asking GPUs where there are any.
     */
    public static Preset mixed(Capacity c, List<String> users) {
        int widest = c.partitions().stream().mapToInt(Capacity.PartitionCapacity::cpus).max().orElse(1);
        List<Double> sizes = new ArrayList<>(List.of(1.0, 70.0));
        for (int cpus = 2; cpus <= widest; cpus *= 2) {
            sizes.add((double) cpus);
            sizes.add(5.0);
        }
        Distribution cpus = Distribution.choice(sizes.stream().mapToDouble(Double::doubleValue).toArray());
        Gpu gpus = c.gpuPartitions().isEmpty() ? null : new Gpu(0.1, Distribution.choice(1, 3, 2, 1));
        return new Preset(MIXED, new WorkloadParameters(shares(users), 1800L, Math.max(100, 4 * c.cpus()), cpus,
                Distribution.fixed(1), Distribution.lognormal(120, 1, 10.0, 3600.0),
                new Arrival(Arrival.Process.BURSTS, null, 8, 0L), gpus, null, null, null, 1.5, true, 3L));
    }

    private static List<UserShare> shares(List<String> users) {
        return users.stream().map(u -> new UserShare(u, null, 1.0)).toList();
    }

    private static int gpuNodes(Capacity c) {
        return c.gpuPartitions().stream().mapToInt(Capacity.PartitionCapacity::gpuNodes).max().orElse(0);
    }
}
