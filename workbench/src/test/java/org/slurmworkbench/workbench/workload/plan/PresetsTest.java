package org.slurmworkbench.workbench.workload.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.workbench.workload.plan.Capacity.PartitionCapacity;

class PresetsTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void capacityComesFromNodesAndPartitions() {
        List<Node> nodes = List.of(node("c1", 32, 0, "cpu"), node("c2", 32, 0, "cpu"), node("g1", 32, 4, "gpu"),
                node("g2", 16, 2, "gpu", "cpu"));
        List<Partition> partitions = List.of(partition("cpu", true, 30), partition("gpu", null, null));
        Capacity c = Capacity.of("lab", nodes, partitions);
        assertThat(c.nodes()).isEqualTo(4);
        assertThat(c.cpus()).isEqualTo(112);
        assertThat(c.gpus()).isEqualTo(6);
        assertThat(c.partition("cpu")).isEqualTo(new PartitionCapacity("cpu", true, 3, 80, 16, 1, 2, 2, 30));
        assertThat(c.partition("gpu")).isEqualTo(new PartitionCapacity("gpu", false, 2, 48, 16, 2, 2, 6, 0));
        assertThat(c.defaultPartition().name()).isEqualTo("cpu");
        assertThat(c.gpuPartitions()).extracting(PartitionCapacity::name).containsExactly("cpu", "gpu");
        // where the API does not say which partition is the default, a job without one must fit any of them
        Capacity unknown = Capacity.of("lab", nodes, List.of(partition("cpu", null, 30), partition("gpu", null, null)));
        assertThat(unknown.defaultPartition()).isEqualTo(new PartitionCapacity(null, true, 2, 48, 16, 1, 2, 2, 30));
    }

    @Test
    void presetsAreValidAndFitTheCapacity() {
        Capacity lab = Plans.lab();
        for (Presets.Preset preset : Presets.of(lab, Plans.USERS)) {
            assertThat(VALIDATOR.validate(preset.parameters())).as(preset.id()).isEmpty();
            WorkloadGenerator.Generated g = WorkloadGenerator.generate("generator:" + preset.id(), preset.parameters(), lab);
            assertThat(g.clampedJobs()).as(preset.id()).isZero();
            assertThat(g.plan().jobs()).as(preset.id()).allSatisfy(j -> {
                PartitionCapacity pc = j.partition() == null ? lab.defaultPartition() : lab.partition(j.partition());
                assertThat(j.cpus()).isLessThanOrEqualTo(j.nodes() * pc.cpusPerNode());
                assertThat(j.nodes()).isLessThanOrEqualTo(pc.nodes());
                assertThat(j.gpusPerNode()).isLessThanOrEqualTo(pc.gpusPerNode());
                assertThat(j.user()).isIn(Plans.USERS);
            });
            // the same preset is the same plan
            assertThat(WorkloadGenerator.generate("generator:" + preset.id(), preset.parameters(), lab).plan())
                    .isEqualTo(g.plan());
        }
    }

    @Test
    void fillTheMachineAsksForEveryCpuAndGpuAtOnce() {
        Capacity lab = Plans.lab();
        WorkloadPlan plan = WorkloadGenerator.generate("generator:fill", Presets.fill(lab, Plans.USERS).parameters(), lab).plan();
        assertThat(plan.jobs()).allMatch(j -> j.submitOffsetMillis() == 0);
        int cpuOnly = plan.jobs().stream().filter(j -> j.gpusPerNode() == 0).mapToInt(PlannedJob::nodes).sum();
        int gpuNodes = plan.jobs().stream().filter(j -> j.gpusPerNode() > 0).mapToInt(PlannedJob::nodes).sum();
        // every CPU-only node and every GPU node gets at least one whole-node job, GPU jobs all 4 GPUs of theirs
        assertThat(cpuOnly).isGreaterThanOrEqualTo(2);
        assertThat(gpuNodes).isGreaterThanOrEqualTo(2);
        assertThat(plan.jobs()).allMatch(j -> j.cpus() == 32 && (j.gpusPerNode() == 0 || j.gpusPerNode() == 4));
        PlanPreview p = PlanPreview.of(plan, lab, 60, 0);
        assertThat(p.summary().peakCpus()).isGreaterThanOrEqualTo(lab.cpus());
        assertThat(p.summary().peakGpus()).isGreaterThanOrEqualTo(lab.gpus());
    }

    @Test
    void stressIsManySmallShortJobsAndMixedHasArraysAndWideJobs() {
        Capacity lab = Plans.lab();
        WorkloadPlan stress = WorkloadGenerator.generate("s", Presets.stress(lab, Plans.USERS).parameters(), lab).plan();
        assertThat(stress.jobs()).hasSizeGreaterThanOrEqualTo(1000)
                .allMatch(j -> j.cpus() == 1 && j.runSeconds() <= 5 && j.arrayTasks() == 0);
        double seconds = stress.jobs().getLast().submitOffsetMillis() / 1000.0;
        assertThat(stress.jobs().size() / seconds).isCloseTo(50, within(5.0));
        WorkloadPlan mixed = WorkloadGenerator.generate("m", Presets.mixed(lab, Plans.USERS).parameters(), lab).plan();
        assertThat(mixed.jobs()).anyMatch(j -> j.arrayTasks() > 1 && j.cpus() == 1);
        assertThat(mixed.jobs()).anyMatch(j -> j.cpus() == 64 && j.nodes() == 2);
        assertThat(mixed.jobs()).anyMatch(j -> j.gpusPerNode() > 0);
        assertThat(mixed.slurmJobs()).isEqualTo(4L * lab.cpus());
    }

    @Test
    void previewCountsJobsAndLoadAgainstCapacity() {
        Capacity lab = Plans.lab();
        // 10 jobs of 8 CPUs for 600 s at 0, and an array of 4 two-CPU tasks with 1 GPU a node at 1200 s
        WorkloadPlan plan = new WorkloadPlan("t", 0, List.of(
                new PlannedJob(1, 0, "alice", null, null, null, 1, 8, 0, 600, 10, 10),
                new PlannedJob(2, 1_200_000, "bob", null, "gpu", null, 1, 2, 1, 600, 10, 4)));
        PlanPreview p = PlanPreview.of(plan, lab, 3600, 3);
        assertThat(p.summary().slurmJobs()).isEqualTo(14);
        assertThat(p.summary().submissions()).isEqualTo(2);
        assertThat(p.summary().clampedJobs()).isEqualTo(3);
        assertThat(p.summary().cpuHours()).isCloseTo((10 * 8 * 600 + 4 * 2 * 600) / 3600.0, within(1e-9));
        assertThat(p.summary().gpuHours()).isCloseTo(4 * 600 / 3600.0, within(1e-9));
        assertThat(p.summary().capacityCpuHours()).isEqualTo(128.0);
        assertThat(p.summary().endSeconds()).isEqualTo(1800);
        assertThat(p.summary().peakCpus()).isCloseTo(80, within(1e-9));
        assertThat(p.summary().peakGpus()).isCloseTo(4, within(1e-9));
        assertThat(p.cpus().labels()).containsExactly("1", "2", "3–4", "5–8");
        assertThat(p.cpus().counts()).containsExactly(0, 4, 0, 10);
        assertThat(p.runTimes().counts()).containsExactly(0, 0, 0, 14, 0, 0, 0, 0);
        assertThat(p.arrivals().counts()[0]).isEqualTo(10);
        assertThat(p.arrivals().counts()[PlanPreview.ARRIVAL_BINS - 1]).isEqualTo(4);
        // load bins of 30 s: 80 CPUs in the first 20 bins, nothing between 600 and 1200 s, then 8 CPUs
        assertThat(p.load().binSeconds()).isEqualTo(30.0);
        assertThat(p.load().cpus()[0]).isEqualTo(80.0);
        assertThat(p.load().cpus()[19]).isEqualTo(80.0);
        assertThat(p.load().cpus()[20]).isEqualTo(0.0);
        assertThat(p.load().cpus()[40]).isEqualTo(8.0);
        assertThat(p.load().gpus()[59]).isEqualTo(4.0);
        double total = 0;
        for (double v : p.load().cpus()) {
            total += v * p.load().binSeconds();
        }
        assertThat(total / 3600).isCloseTo(p.summary().cpuHours(), within(1e-6));
    }

    private static Node node(String name, int cpus, int gpus, String... partitions) {
        return new Node(name, List.of("IDLE"), cpus, 0, 1000, 0, 1000, gpus, 0, List.of(partitions), null, 0, null,
                "22.05", null);
    }

    private static Partition partition(String name, Boolean isDefault, Integer maxTime) {
        return new Partition(name, "", 0, 0, isDefault, "UP", maxTime, null, null, List.of(), List.of(), null, null);
    }
}
