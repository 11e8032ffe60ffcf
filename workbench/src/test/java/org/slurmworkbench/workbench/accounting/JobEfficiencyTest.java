package org.slurmworkbench.workbench.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.JobStep;

class JobEfficiencyTest {

    @Test
    void sharesFollowTheFormulas() {
        // 16 CPUs for an hour, 1.3 CPUs busy; 64 GiB on each of 2 nodes, 3 GiB peak; 1 of 8 hours; 2 GPUs
        var e = new JobEfficiency(16, 3600, 1300L * 3600, 2, 2 * 65536, 3L << 30, 480, 2);
        assertThat(e.cpu()).isCloseTo(1.3 / 16, within(1e-9));
        assertThat(e.cpusUsedOnAverage()).isCloseTo(1.3, within(1e-9));
        assertThat(e.cpuHoursAllocated()).isEqualTo(16.0);
        assertThat(e.cpuHoursUsed()).isCloseTo(1.3, within(1e-9));
        assertThat(e.memoryPerNodeMb()).isEqualTo(65536);
        assertThat(e.maxRssMb()).isEqualTo(3072);
        assertThat(e.memory()).isCloseTo(3.0 / 64, within(1e-9));
        assertThat(e.timeLimit()).isCloseTo(0.125, within(1e-9));
        assertThat(e.gpuHours()).isEqualTo(2.0);
        assertThat(e.known()).isTrue();
        assertThat(JobEfficiency.percent(e.cpu())).isEqualTo("8.1 %");
        assertThat(JobEfficiency.percent(0.125)).isEqualTo("13 %");
    }

    @Test
    void unknownPartsAreNullNotZero() {
        var neverRan = new JobEfficiency(4, 0, null, 1, 1000, null, 5, 0);
        assertThat(neverRan.cpu()).isNull();
        assertThat(neverRan.memory()).isNull();
        assertThat(neverRan.timeLimit()).isNull();
        assertThat(neverRan.known()).isFalse();
        var noLimitNoMemory = new JobEfficiency(4, 60, 1000L, 1, 0, 5_000_000L, null, 0);
        assertThat(noLimitNoMemory.timeLimit()).isNull();
        assertThat(noLimitNoMemory.memory()).isNull();
        assertThat(noLimitNoMemory.cpu()).isCloseTo(1.0 / 240, within(1e-12));
    }

    @Test
    void stepsAddUpTheirCpuTimeAndTheLargestMaxRssCounts() {
        List<JobStep> steps = List.of(new JobStep("batch", "batch", "COMPLETED", 0, null, 40, 79_500, "c1", 300_000_000L),
                new JobStep("extern", "extern", "COMPLETED", 0, null, 41, 2, "c1", 1_000_000L),
                new JobStep("0", "srun", "COMPLETED", 0, null, 10, 500, "c1", null));
        assertThat(JobEfficiency.cpuUsedMillis(steps)).isEqualTo(80_002);
        assertThat(JobEfficiency.maxRssBytes(steps)).isEqualTo(300_000_000L);
        assertThat(JobEfficiency.cpuUsedMillis(List.of())).isNull();
        assertThat(JobEfficiency.maxRssBytes(List.of(steps.get(2)))).isNull();
    }

    @Test
    void memoryPerCpuOnSeveralNodesIsComparedPerNode() {
        // --mem-per-cpu=500M, 2 CPUs on each of 2 nodes: slurmdbd's memory TRES is 2000 MiB for the job, 1000 per node
        var e = new JobEfficiency(4, 60, 60_000L, 2, 2000, 300L << 20, 5, 0);
        assertThat(e.memoryPerNodeMb()).isEqualTo(1000);
        assertThat(e.memory()).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void gpuUtilizationIsTheStepsMeanWeightedByElapsedAndNullWhereNotRecorded() {
        List<JobStep> steps = List.of(
                new JobStep("batch", "batch", "COMPLETED", 0, null, 100, 1_000, "g1", 10_000_000L, null, null),
                new JobStep("0", "train", "COMPLETED", 0, null, 30, 1_000, "g1", 10_000_000L, 90L, 4L << 30),
                new JobStep("1", "eval", "COMPLETED", 0, null, 10, 1_000, "g1", 10_000_000L, 10L, 1L << 30));
        assertThat(JobEfficiency.gpuUtilPercent(steps)).isCloseTo((90 * 30 + 10 * 10) / 40.0, within(1e-9));
        assertThat(JobEfficiency.gpuUtilPercent(steps.subList(0, 1))).as("not recorded: nothing, not 0").isNull();
        assertThat(JobEfficiency.gpuUtilPercent(List.of())).isNull();
    }
}
