package org.slurmworkbench.workbench.workload.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.Arrival;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.Gpu;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.UserShare;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.Weighted;

class WorkloadGeneratorTest {

    private static WorkloadGenerator.Generated gen(WorkloadParameters p) {
        return WorkloadGenerator.generate("generator:test", p, Plans.lab());
    }

    @Test
    void theSameParametersAndSeedGiveTheIdenticalPlanAndAnotherSeedAnother() {
        WorkloadPlan a = gen(Plans.simple(5000, 42)).plan();
        WorkloadPlan b = gen(Plans.simple(5000, 42)).plan();
        WorkloadPlan c = gen(Plans.simple(5000, 43)).plan();
        assertThat(a).isEqualTo(b);
        assertThat(a.seed()).isEqualTo(42);
        assertThat(c.jobs()).isNotEqualTo(a.jobs());
        assertThat(a.jobs()).extracting(PlannedJob::seq).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 5000).boxed().toList());
        assertThat(a.jobs()).isSortedAccordingTo(java.util.Comparator.comparingLong(PlannedJob::submitOffsetMillis));
    }

    @Test
    void changingTheGpuShareLeavesArrivalsAndRunTimesOfTheSeedAlone() {
        WorkloadParameters p = Plans.simple(2000, 7);
        WorkloadParameters withGpu = new WorkloadParameters(p.users(), p.windowSeconds(), p.jobs(), p.cpusPerJob(),
                p.nodesPerJob(), p.runSeconds(), p.arrival(), new Gpu(0.3, Distribution.fixed(1)), null, null, null,
                p.timeLimitFactor(), false, p.seed());
        List<PlannedJob> plain = gen(p).plan().jobs();
        List<PlannedJob> gpu = gen(withGpu).plan().jobs();
        assertThat(gpu).extracting(PlannedJob::submitOffsetMillis).containsExactlyElementsOf(
                plain.stream().map(PlannedJob::submitOffsetMillis).toList());
        assertThat(gpu).extracting(PlannedJob::runSeconds).containsExactlyElementsOf(
                plain.stream().map(PlannedJob::runSeconds).toList());
        long gpuJobs = gpu.stream().filter(j -> j.gpusPerNode() > 0).count();
        assertThat(gpuJobs / 2000.0).isCloseTo(0.3, within(0.04));
        // GPU jobs go where the GPUs are, never to the default (CPU-only) partition
        assertThat(gpu.stream().filter(j -> j.gpusPerNode() > 0)).allMatch(j -> "gpu".equals(j.partition()));
    }

    @Test
    void distributionsHaveTheirStatisticsWithinTolerance() {
        int n = 200_000;
        int[] exp = draw(Distribution.exponential(300, null, null), n);
        assertThat(mean(exp)).isCloseTo(300, within(300 * 0.02));
        int[] logn = draw(Distribution.lognormal(120, 0.8, null, null), n);
        Arrays.sort(logn);
        assertThat((double) logn[n / 2]).isCloseTo(120, within(120 * 0.03));
        int[] uni = draw(Distribution.uniform(10, 20), n);
        assertThat(Arrays.stream(uni).min().orElseThrow()).isEqualTo(10);
        assertThat(Arrays.stream(uni).max().orElseThrow()).isEqualTo(20);
        assertThat(mean(uni)).isCloseTo(15, within(0.1));
        int[] choice = draw(Distribution.choice(1, 6, 2, 3, 4, 1), n);
        Map<Integer, Long> counts = Arrays.stream(choice).boxed().collect(Collectors.groupingBy(i -> i, Collectors.counting()));
        assertThat(counts.keySet()).containsExactlyInAnyOrder(1, 2, 4);
        assertThat(counts.get(1) / (double) n).isCloseTo(0.6, within(0.01));
        assertThat(counts.get(2) / (double) n).isCloseTo(0.3, within(0.01));
        assertThat(counts.get(4) / (double) n).isCloseTo(0.1, within(0.01));
        // bounds clamp samples into [min, max]
        int[] bounded = draw(Distribution.exponential(300, 100.0, 400.0), n);
        assertThat(Arrays.stream(bounded).min().orElseThrow()).isEqualTo(100);
        assertThat(Arrays.stream(bounded).max().orElseThrow()).isEqualTo(400);
    }

    private static int[] draw(Distribution d, int n) {
        Sampler s = Sampler.of(d, Sampler.stream(1, 0), 1, Integer.MAX_VALUE);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = s.next();
        }
        return v;
    }

    private static double mean(int[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    @Test
    void arrivalProcessesSpreadJobsAsAsked() {
        Distribution one = Distribution.fixed(1);
        long[] all = WorkloadGenerator.arrivals(Plans.params(1000, one, one, Arrival.allAtOnce(), 1), Sampler.stream(1, 0));
        assertThat(all).containsOnly(0L);

        long[] uniform = WorkloadGenerator.arrivals(Plans.params(100_000, one, one,
                new Arrival(Arrival.Process.UNIFORM, null, null, null), 1), Sampler.stream(1, 0));
        assertThat(uniform[0]).isGreaterThanOrEqualTo(0);
        assertThat(uniform[uniform.length - 1]).isLessThan(3_600_000);
        assertThat(Arrays.stream(uniform).average().orElseThrow()).isCloseTo(1_800_000, within(20_000.0));

        // Poisson at 20/s: mean gap 50 ms, and the gaps' coefficient of variation is 1 (exponential)
        long[] poisson = WorkloadGenerator.arrivals(Plans.params(50_000, one, one,
                new Arrival(Arrival.Process.POISSON, 20.0, null, null), 1), Sampler.stream(1, 0));
        double[] gaps = new double[poisson.length - 1];
        for (int i = 1; i < poisson.length; i++) {
            gaps[i - 1] = poisson[i] - poisson[i - 1];
        }
        double meanGap = Arrays.stream(gaps).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(gaps).map(g -> (g - meanGap) * (g - meanGap)).average().orElseThrow());
        assertThat(meanGap).isCloseTo(50, within(1.5));
        assertThat(sd / meanGap).isCloseTo(1, within(0.05));

        // 4 bursts without spread: 4 distinct moments, evenly over the hour, equally many jobs each
        long[] bursts = WorkloadGenerator.arrivals(Plans.params(1000, one, one,
                new Arrival(Arrival.Process.BURSTS, null, 4, 0L), 1), Sampler.stream(1, 0));
        Map<Long, Long> perMoment = Arrays.stream(bursts).boxed()
                .collect(Collectors.groupingBy(t -> t, java.util.TreeMap::new, Collectors.counting()));
        assertThat(perMoment).containsExactly(Map.entry(0L, 250L), Map.entry(900_000L, 250L), Map.entry(1_800_000L, 250L),
                        Map.entry(2_700_000L, 250L));
        long[] spread = WorkloadGenerator.arrivals(Plans.params(1000, one, one,
                new Arrival(Arrival.Process.BURSTS, null, 4, 60L), 1), Sampler.stream(1, 0));
        for (long t : spread) {
            assertThat(t % 900_000).isLessThan(60_000);
        }
        assertThat(Arrays.stream(spread).distinct().count()).isGreaterThan(900);
    }

    @Test
    void jobsNeverAskMoreThanTheirPartitionGivesAndClampsAreCounted() {
        WorkloadParameters p = new WorkloadParameters(List.of(new UserShare("alice", null, 1.0)), 600L, 10_000,
                Distribution.choice(1, 1, 48, 1, 500, 1), Distribution.choice(1, 1, 8, 1), Distribution.fixed(30),
                Arrival.allAtOnce(), new Gpu(0.5, Distribution.choice(1, 1, 16, 1)),
                List.of(new Weighted("cpu", 1.0), new Weighted("gpu", 1.0)), null, null, 1.0, false, 3L);
        WorkloadGenerator.Generated g = gen(p);
        Capacity lab = Plans.lab();
        long expectedClamped = 0;
        for (PlannedJob j : g.plan().jobs()) {
            Capacity.PartitionCapacity pc = lab.partition(j.partition());
            assertThat(j.nodes()).isBetween(1, j.gpusPerNode() > 0 ? pc.gpuNodes() : pc.nodes());
            assertThat(j.cpus()).isBetween(j.nodes(), j.nodes() * pc.cpusPerNode());
            assertThat(j.gpusPerNode()).isLessThanOrEqualTo(pc.gpusPerNode());
            if (j.cpus() == 64 || j.gpusPerNode() == 4) {
                expectedClamped++;
            }
        }
        // 500 CPUs (a third of the jobs) and 16 GPUs a node (a quarter) can only have been clamped; 64 CPUs and 4
        // GPUs are what is left of them; 8 nodes alone are clamped too, so the count is at least that
        assertThat(g.clampedJobs()).isGreaterThanOrEqualTo(expectedClamped).isGreaterThan(10_000 / 3);
        // 48 CPUs need two 32-CPU nodes: raised, not clamped
        assertThat(g.plan().jobs().stream().filter(j -> j.cpus() == 48)).allMatch(j -> j.nodes() == 2);
    }

    @Test
    void timeLimitIsTheRunTimeTimesTheFactorRoundedUpToMinutes() {
        WorkloadParameters p = new WorkloadParameters(List.of(new UserShare("bob", "physics", 1.0)), 60L, 100,
                Distribution.fixed(1), Distribution.fixed(1), Distribution.fixed(100), Arrival.allAtOnce(), null,
                null, List.of(new Weighted("normal", 1.0)), null, 2.5, false, 1L);
        assertThat(gen(p).plan().jobs()).allSatisfy(j -> {
            assertThat(j.timeLimitMinutes()).isEqualTo(5); // 250 s
            assertThat(j.account()).isEqualTo("physics");
            assertThat(j.qos()).isEqualTo("normal");
            assertThat(j.partition()).isNull();
        });
    }

    @Test
    void identicalJobsArrivingTogetherArePackedIntoArrays() {
        WorkloadParameters p = new WorkloadParameters(List.of(new UserShare("alice", null, 1.0), new UserShare("bob", null, 1.0)),
                600L, 5000, Distribution.choice(1, 1, 2, 1), Distribution.fixed(1), Distribution.fixed(10),
                new Arrival(Arrival.Process.BURSTS, null, 2, 0L), null, null, null, null, 1.0, true, 9L);
        WorkloadPlan packed = gen(p).plan();
        // 2 bursts x 2 users x 2 sizes = 8 groups of about 625, each at most MAX_ARRAY_TASKS
        assertThat(packed.slurmJobs()).isEqualTo(5000);
        assertThat(packed.jobs()).hasSize(8);
        assertThat(packed.jobs()).allMatch(j -> j.arrayTasks() > 1 && j.arrayTasks() <= WorkloadGenerator.MAX_ARRAY_TASKS);
        assertThat(packed.jobs()).extracting(PlannedJob::seq).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        // uniform arrivals: nothing arrives together, nothing is packed
        WorkloadParameters uniform = new WorkloadParameters(p.users(), 600L, 500, p.cpusPerJob(), p.nodesPerJob(),
                p.runSeconds(), new Arrival(Arrival.Process.UNIFORM, null, null, null), null, null, null, null, 1.0, true, 9L);
        assertThat(gen(uniform).plan().jobs()).hasSize(500).allMatch(j -> j.arrayTasks() == 0);
        // more identical jobs than an array may hold are split
        WorkloadParameters big = new WorkloadParameters(List.of(new UserShare("alice", null, 1.0)), 600L, 2500,
                Distribution.fixed(1), Distribution.fixed(1), Distribution.fixed(10), Arrival.allAtOnce(), null, null,
                null, null, 1.0, true, 9L);
        assertThat(gen(big).plan().jobs()).extracting(PlannedJob::arrayTasks).containsExactly(1000, 1000, 500);
    }
}
