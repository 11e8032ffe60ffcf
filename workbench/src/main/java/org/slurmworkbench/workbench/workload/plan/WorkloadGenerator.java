package org.slurmworkbench.workbench.workload.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.slurmworkbench.workbench.workload.plan.Capacity.PartitionCapacity;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.Weighted;

/**
 * Turns valid {@link WorkloadParameters} into a {@link WorkloadPlan} for a cluster's {@link Capacity}: pure and
 * deterministic (the same parameters, seed and capacity give the identical plan). No job asks more than its
 * partition can give: larger samples are clamped, and counted. Arrivals are drawn first and sorted, then each job's
 * attributes in arrival order, in primitive loops (a million jobs in well under a second), handed on one by one so
 * that an SWF export need not hold the plan ({@link #generate(WorkloadParameters, Capacity, Consumer)}).
 */
public final class WorkloadGenerator {

    /** The most tasks one packed array gets (the lab's MaxArraySize is 10001; sites often keep 1001). */
    static final int MAX_ARRAY_TASKS = 1000;

    /** A plan with how many of its jobs were made smaller to fit their partition. */
    public record Generated(WorkloadPlan plan, long clampedJobs) {
    }

    private WorkloadGenerator() {
    }

    /**
     * @throws IllegalArgumentException when a partition of the mix is not in the capacity, or a job could not fit
     *                                  anywhere (a partition without nodes); {@link PlanSources} checks this first
     */
    public static Generated generate(String source, WorkloadParameters p, Capacity capacity) {
        List<PlannedJob> jobs = new ArrayList<>(p.jobs());
        long clamped = generate(p, capacity, jobs::add);
        List<PlannedJob> result = Boolean.TRUE.equals(p.packArrays()) ? pack(jobs) : jobs;
        return new Generated(new WorkloadPlan(source, seed(p), result), clamped);
    }

    /** The seed a plan of these parameters carries: theirs, 0 for none. */
    public static long seed(WorkloadParameters p) {
        return p.seed() == null ? 0 : p.seed();
    }

    /**
     * Draws the jobs in arrival order (seq 1..n, not packed) and hands each to {@code sink}; answers how many were
     * clamped. Nothing is held: what the sink drops is garbage at once.
     */
    public static long generate(WorkloadParameters p, Capacity capacity, Consumer<PlannedJob> sink) {
        long seed = seed(p);
        int n = p.jobs();
        long[] offsets = arrivals(p, Sampler.stream(seed, 0));

        UniformRandomProvider users = Sampler.stream(seed, 1);
        DiscreteSampler user = Sampler.weighted(users, p.users().stream().mapToDouble(WorkloadParameters.UserShare::share).toArray());
        Mix account = Mix.of(p.accounts(), users);
        UniformRandomProvider places = Sampler.stream(seed, 2);
        Mix partition = Mix.of(p.partitions(), places);
        Mix qos = Mix.of(p.qos(), places);
        Sampler cpus = Sampler.of(p.cpusPerJob(), Sampler.stream(seed, 3), 1, Integer.MAX_VALUE);
        Sampler nodes = Sampler.of(p.nodesPerJob(), Sampler.stream(seed, 4), 1, Integer.MAX_VALUE);
        Sampler run = Sampler.of(p.runSeconds(), Sampler.stream(seed, 5), 1, Integer.MAX_VALUE);
        UniformRandomProvider gpuDraw = Sampler.stream(seed, 6);
        double gpuFraction = p.gpu() == null ? 0 : p.gpu().fraction();
        Sampler gpus = p.gpu() == null ? () -> 0 : Sampler.of(p.gpu().perNode(), Sampler.stream(seed, 7), 1, Integer.MAX_VALUE);
        double factor = p.timeLimitFactor();

        PartitionCapacity[] partitionCapacity = new PartitionCapacity[partition.names.length];
        for (int i = 0; i < partitionCapacity.length; i++) {
            partitionCapacity[i] = require(capacity.partition(partition.names[i]), partition.names[i]);
        }
        PartitionCapacity fallback = capacity.defaultPartition();
        List<PartitionCapacity> gpuPartitions = capacity.gpuPartitions();

        long clamped = 0;
        for (int i = 0; i < n; i++) {
            int u = user.sample();
            var share = p.users().get(u);
            String acct = share.account() != null ? share.account() : account.next();
            int pi = partition.index();
            String part = pi < 0 ? null : partition.names[pi];
            PartitionCapacity pc = pi < 0 ? fallback : partitionCapacity[pi];
            String q = qos.next();
            int c = cpus.next();
            int nd = nodes.next();
            int r = run.next();
            int g = gpuFraction > 0 && gpuDraw.nextDouble() < gpuFraction ? gpus.next() : 0;
            boolean wasClamped = false;
            if (g > 0 && pc.gpusPerNode() == 0) {
                // a GPU job goes where there are GPUs: the mix's first GPU partition, else the cluster's
                PartitionCapacity gpuPc = firstGpu(partitionCapacity, gpuPartitions);
                if (gpuPc == null) {
                    g = 0;
                    wasClamped = true;
                } else {
                    pc = gpuPc;
                    part = gpuPc.name();
                }
            }
            int maxNodes = g > 0 ? pc.gpuNodes() : pc.nodes();
            if (maxNodes <= 0 || pc.cpusPerNode() <= 0) {
                throw new IllegalArgumentException("partition " + pc.name() + " has no nodes to run jobs on");
            }
            if (g > pc.gpusPerNode()) {
                g = pc.gpusPerNode();
                wasClamped = true;
            }
            if (nd > maxNodes) {
                nd = maxNodes;
                wasClamped = true;
            }
            if ((long) nd * pc.cpusPerNode() < c) {
                long needed = (c + (long) pc.cpusPerNode() - 1) / pc.cpusPerNode();
                if (needed <= maxNodes) {
                    nd = (int) needed;
                } else {
                    nd = maxNodes;
                    c = nd * pc.cpusPerNode();
                    wasClamped = true;
                }
            }
            if (c < nd) {
                nd = c; // one CPU per node at least: fewer nodes rather than more CPUs than asked
            }
            long limit = Math.max(1, (long) Math.ceil(r * factor / 60.0));
            if (pc.maxTimeMinutes() > 0 && limit > pc.maxTimeMinutes()) {
                limit = pc.maxTimeMinutes();
                if (r > limit * 60) {
                    r = (int) (limit * 60);
                }
                wasClamped = true;
            }
            if (wasClamped) {
                clamped++;
            }
            sink.accept(new PlannedJob(i + 1, offsets[i], share.user(), acct, part, q, nd, c, g, r,
                    (int) Math.min(limit, Integer.MAX_VALUE), 0));
        }
        return clamped;
    }

    /** Arrival offsets in milliseconds, ascending. */
    static long[] arrivals(WorkloadParameters p, UniformRandomProvider rng) {
        int n = p.jobs();
        long windowMillis = p.windowSeconds() * 1000;
        long[] t = new long[n];
        var a = p.arrival();
        switch (a.process()) {
            case ALL_AT_ONCE -> {
                return t;
            }
            case UNIFORM -> {
                for (int i = 0; i < n; i++) {
                    t[i] = (long) (rng.nextDouble() * windowMillis);
                }
            }
            case POISSON -> {
                double rate = a.ratePerSecond() != null ? a.ratePerSecond() : n / (double) p.windowSeconds();
                var gap = ZigguratSampler.Exponential.of(rng, 1000.0 / rate);
                double now = 0;
                for (int i = 0; i < n; i++) {
                    now += gap.sample();
                    t[i] = (long) now;
                }
                return t;
            }
            case BURSTS -> {
                int bursts = Math.min(a.bursts(), n);
                long spread = (a.spreadSeconds() == null ? 0 : a.spreadSeconds()) * 1000;
                for (int i = 0; i < n; i++) {
                    int b = (int) ((long) i * bursts / n);
                    long start = windowMillis * b / bursts;
                    t[i] = start + (spread == 0 ? 0 : (long) (rng.nextDouble() * spread));
                }
            }
        }
        Arrays.sort(t);
        return t;
    }

    /**
     * Identical jobs arriving at the same moment become one array (all at once, or bursts without spread), in the
     * order their first job came; seq is renumbered.
     */
    static List<PlannedJob> pack(List<PlannedJob> jobs) {
        List<PlannedJob> packed = new ArrayList<>();
        int i = 0;
        while (i < jobs.size()) {
            long at = jobs.get(i).submitOffsetMillis();
            Map<PlannedJob, int[]> same = new LinkedHashMap<>();
            for (; i < jobs.size() && jobs.get(i).submitOffsetMillis() == at; i++) {
                PlannedJob j = jobs.get(i);
                same.computeIfAbsent(new PlannedJob(0, at, j.user(), j.account(), j.partition(), j.qos(), j.nodes(),
                        j.cpus(), j.gpusPerNode(), j.runSeconds(), j.timeLimitMinutes(), 0), k -> new int[1])[0]++;
            }
            same.forEach((j, count) -> {
                for (int left = count[0]; left > 0; left -= MAX_ARRAY_TASKS) {
                    int tasks = Math.min(left, MAX_ARRAY_TASKS);
                    packed.add(new PlannedJob(packed.size() + 1, at, j.user(), j.account(), j.partition(), j.qos(),
                            j.nodes(), j.cpus(), j.gpusPerNode(), j.runSeconds(), j.timeLimitMinutes(), tasks > 1 ? tasks : 0));
                }
            });
        }
        return packed;
    }

    private static PartitionCapacity require(PartitionCapacity pc, String name) {
        if (pc == null) {
            throw new IllegalArgumentException("no partition " + name);
        }
        return pc;
    }

    private static PartitionCapacity firstGpu(PartitionCapacity[] mix, List<PartitionCapacity> cluster) {
        for (PartitionCapacity pc : mix) {
            if (pc.gpusPerNode() > 0 && pc.gpuNodes() > 0) {
                return pc;
            }
        }
        return cluster.isEmpty() ? null : cluster.getFirst();
    }

    /** A weighted choice of names; empty means "leave it to Slurm" (null). */
    private record Mix(String[] names, DiscreteSampler sampler) {

        static Mix of(List<Weighted> weighted, UniformRandomProvider rng) {
            String[] names = weighted.stream().map(Weighted::name).toArray(String[]::new);
            return new Mix(names, names.length == 0 ? null
                    : Sampler.weighted(rng, weighted.stream().mapToDouble(Weighted::weight).toArray()));
        }

        int index() {
            return sampler == null ? -1 : sampler.sample();
        }

        String next() {
            return sampler == null ? null : names[sampler.sample()];
        }
    }
}
