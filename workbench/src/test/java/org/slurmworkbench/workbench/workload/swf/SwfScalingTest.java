package org.slurmworkbench.workbench.workload.swf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.workload.plan.Capacity.PartitionCapacity;
import org.slurmworkbench.workbench.workload.plan.Capacity;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.slurmworkbench.workbench.workload.plan.Plans;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Change;
import org.slurmworkbench.workbench.workload.swf.SwfReport.SizeSource;

/**
 * Scaling of SWF traces by processors, on synthetic traces for every kind of header: the plan asks the trace's
 * processor-seconds times the factor, and so offers the partition the load the trace offered its machine, within 1 %.
 */
class SwfScalingTest {

    /** Plans.lab's default partition: 2 nodes of 32 CPUs. */
    private static final int CPUS = 64;

    private static SwfImport read(String swf, SwfOptions options, Capacity capacity) throws IOException {
        InputStream in = new ByteArrayInputStream(swf.getBytes(StandardCharsets.US_ASCII));
        return SwfReader.read(in, "swf:test.swf", options, capacity, Plans.USERS);
    }

    private static SwfImport read(String swf) throws IOException {
        return read(swf, SwfOptions.DEFAULTS, Plans.lab());
    }

    /**
     * A trace of {@code jobs} jobs, a third of them serial, the rest of 2 to {@code largest} processors (the last one
     * exactly {@code largest}), run times of 1 s to 10 h, arriving every 0 to 10 minutes.
     */
    private static String trace(String header, int jobs, int largest, long seed) {
        Random random = new Random(seed);
        StringBuilder swf = new StringBuilder(header);
        long submit = 1000;
        for (int i = 1; i <= jobs; i++) {
            submit += random.nextInt(600);
            int procs = i == jobs ? largest : random.nextInt(3) == 0 ? 1 : 2 + random.nextInt(largest - 1);
            long run = (long) Math.exp(random.nextDouble() * Math.log(36_000));
            swf.append(i).append(' ').append(submit).append(" -1 ").append(run).append(' ').append(procs)
                    .append(" -1 -1 -1 -1 -1 1 ").append(1 + random.nextInt(7)).append(" -1 -1 0 -1 -1 -1\n");
        }
        return swf.toString();
    }

    /** Processor-seconds within 1 % of the trace's times the factor, and offered load within 1 % of the trace's. */
    private static void keepsTheLoad(SwfReport r) {
        keepsTheLoad(r, 1);
    }

    private static void keepsTheLoad(SwfReport r, double runTimeCompression) {
        SwfReport.Load load = r.load();
        assertThat(load.expectedCpuSeconds()).isCloseTo(load.traceProcessorSeconds() * r.factor() / runTimeCompression,
                within(1e-6 * load.expectedCpuSeconds()));
        assertThat(load.planCpuSeconds() / load.expectedCpuSeconds()).as("plan / trace x factor CPU-seconds")
                .isCloseTo(1.0, within(0.01));
        assertThat(load.planLoad() / load.traceLoad()).as("plan / trace load").isCloseTo(1.0, within(0.01));
        assertThat(load.warn()).isFalse();
        System.out.printf("[swf scaling] %s %d: factor %.5f, CPU-seconds plan/expected %.5f, load trace %.4f plan %.4f%n",
                r.machine().source(), r.machine().processors(), r.factor(),
                load.planCpuSeconds() / load.expectedCpuSeconds(), load.traceLoad(), load.planLoad());
    }

    private static void fits(SwfImport result, PartitionCapacity p) {
        assertThat(result.plan().jobs()).allSatisfy(j -> {
            assertThat(j.cpus()).isBetween(1, p.cpus());
            assertThat(j.nodes()).isBetween(1, Math.min(j.cpus(), p.nodes()));
            assertThat(j.nodes() * p.cpusPerNode()).isGreaterThanOrEqualTo(j.cpus());
        });
    }

    @Test
    void maxProcsIsTheMachineSize() throws IOException {
        SwfImport result = read(trace("; MaxNodes: 64\n; MaxProcs: 512\n", 3000, 512, 1));
        SwfReport r = result.report();
        assertThat(r.machine().source()).isEqualTo(SizeSource.MAX_PROCS);
        assertThat(r.machine().processors()).isEqualTo(512);
        assertThat(r.machine().processorsPerNode()).isEqualTo(8);
        assertThat(r.factor()).isEqualTo(CPUS / 512.0);
        keepsTheLoad(r);
        fits(result, Plans.lab().defaultPartition());
        // a third of the jobs are serial: an eighth of a CPU each, raised to one, and paid back by rounding others down
        assertThat(r.changedBy().get(Change.RAISED_TO_ONE_CPU)).isGreaterThan(900);
    }

    @Test
    void maxNodesWithOneProcessorPerNodeWhenNoJobIsWider() throws IOException {
        // the issue's case: a Lublin-model trace says MaxNodes 256 only; a 16-processor job was a quarter of a CPU
        String swf = "; MaxNodes: 256\n" + "1 0 -1 1000 16 -1 -1 -1 -1 -1 1 -1 -1 -1 0 -1 -1 -1\n"
                + trace("", 3000, 256, 2).replaceFirst("^1 ", "2 ");
        SwfImport result = read(swf);
        SwfReport r = result.report();
        assertThat(r.machine().source()).isEqualTo(SizeSource.MAX_NODES);
        assertThat(r.machine().processors()).isEqualTo(256);
        assertThat(r.machine().processorsPerNode()).isEqualTo(1);
        assertThat(r.factor()).isEqualTo(CPUS / 256.0);
        assertThat(result.plan().jobs().getFirst().cpus()).isEqualTo(4);
        keepsTheLoad(r);
        fits(result, Plans.lab().defaultPartition());
    }

    @Test
    void maxNodesTimesTheProcessorsPerNodeTheLargestJobImplies() throws IOException {
        SwfImport result = read(trace("; MaxNodes: 32\n", 3000, 250, 3));
        SwfReport r = result.report();
        assertThat(r.machine().source()).isEqualTo(SizeSource.MAX_NODES_TIMES_INFERRED);
        assertThat(r.machine().processorsPerNode()).isEqualTo(8); // 250 processors on 32 nodes: 8 a node
        assertThat(r.machine().processors()).isEqualTo(256);
        assertThat(r.machine().largestJob()).isEqualTo(250);
        assertThat(r.factor()).isEqualTo(CPUS / 256.0);
        keepsTheLoad(r);
        fits(result, Plans.lab().defaultPartition());
        // the widest job: 250 of 256 processors on 32 of 32 nodes -> 62 or 63 of 64 CPUs on both nodes
        PlannedJob widest = result.plan().jobs().getLast();
        assertThat(widest.cpus()).isBetween(62, 63);
        assertThat(widest.nodes()).isEqualTo(2);
    }

    @Test
    void neitherInTheHeaderTheLargestJobIsTheMachine() throws IOException {
        SwfImport result = read(trace("; Version: 2.2\n", 3000, 200, 4));
        SwfReport r = result.report();
        assertThat(r.machine().source()).isEqualTo(SizeSource.LARGEST_JOB);
        assertThat(r.machine().processors()).isEqualTo(200);
        assertThat(r.machine().nodes()).isNull();
        assertThat(r.factor()).isEqualTo(CPUS / 200.0);
        keepsTheLoad(r);
        fits(result, Plans.lab().defaultPartition());
    }

    @Test
    void aSmallerMachineAndALargerOneKeepTheLoad() throws IOException {
        PartitionCapacity small = new PartitionCapacity("small", true, 1, 32, 32, 0, 0, 0, 0);
        Capacity oneNode = new Capacity("one-node", 1, 32, 0, List.of(small));
        SwfImport down = read(trace("; MaxProcs: 256\n", 3000, 256, 5), SwfOptions.DEFAULTS, oneNode);
        assertThat(down.report().factor()).isEqualTo(1 / 8.0);
        keepsTheLoad(down.report());
        fits(down, small);
        // a trace of a 16-processor machine on 64 CPUs: every job four times as wide
        SwfImport up = read(trace("; MaxProcs: 16\n", 500, 16, 6));
        assertThat(up.report().factor()).isEqualTo(4.0);
        assertThat(up.plan().jobs()).allMatch(j -> j.cpus() % 4 == 0);
        keepsTheLoad(up.report());
    }

    @Test
    void serialJobsOfAMachineFarLargerAskMoreAndTheReportSaysSo() throws IOException {
        // every job a sixteenth of a CPU: raised to one, nothing to pay it back with
        StringBuilder swf = new StringBuilder("; MaxProcs: 1024\n");
        for (int i = 1; i <= 100; i++) {
            swf.append(i).append(' ').append(i * 60).append(" -1 600 1 -1 -1 -1 -1 -1 1 1 -1 -1 0 -1 -1 -1\n");
        }
        SwfReport r = read(swf.toString()).report();
        assertThat(r.changedBy()).containsEntry(Change.RAISED_TO_ONE_CPU, 100L);
        assertThat(r.load().planCpuSeconds() / r.load().expectedCpuSeconds()).isCloseTo(16.0, within(1e-9));
        assertThat(r.load().warn()).isTrue();
    }

    @Test
    void compressionKeepsTheLoadAndTheCpuSecondsShrinkWithTheRunTimes() throws IOException {
        String swf = trace("; MaxNodes: 256\n", 2000, 256, 7);
        SwfReport r = read(swf, new SwfOptions(100.0, null, null, null, null, null, null, null, null, null), Plans.lab())
                .report();
        keepsTheLoad(r, 100);
    }

    @Test
    void theLublinTraceOfTheIssueKeepsItsLoadOnTheLab() throws IOException {
        // the lab's default partition: all four nodes, 128 CPUs
        PartitionCapacity all = new PartitionCapacity("cpu", true, 4, 128, 32, 2, 4, 8, 0);
        SwfImport result;
        try (InputStream in = SwfScalingTest.class.getResourceAsStream("/swf/lublin_256-first-2000.swf")) {
            result = SwfReader.read(in, "swf:lublin", SwfOptions.DEFAULTS, new Capacity("lab", 4, 128, 8, List.of(all)),
                    Plans.USERS);
        }
        SwfReport r = result.report();
        assertThat(r.imported()).isEqualTo(2000);
        assertThat(r.machine().source()).isEqualTo(SizeSource.MAX_NODES);
        assertThat(r.machine().processors()).isEqualTo(256);
        assertThat(r.factor()).isEqualTo(0.5);
        // 403,624,309 processor-seconds over 256 processors x 1,780,689 s (see the README next to the file)
        assertThat(r.load().traceLoad()).isCloseTo(403_624_309.0 / 256 / 1_780_689, within(1e-9));
        keepsTheLoad(r);
        assertThat(r.users().jobsWithoutUser()).isEqualTo(2000);
        assertThat(r.users().jobsPerTestUser().values()).allMatch(n -> n >= 666);
    }

    @Test
    void unscaledTheJobsTooBigAreSkippedButStillPartOfTheTracesLoad() throws IOException {
        String swf = "; MaxNodes: 256\n"
                + "1 0 -1 1000 128 -1 -1 -1 -1 -1 1 1 -1 -1 0 -1 -1 -1\n"   // too big for 64 CPUs
                + "2 1000 -1 1000 64 -1 -1 -1 -1 -1 1 1 -1 -1 0 -1 -1 -1\n";
        SwfReport r = read(swf, new SwfOptions(null, null, null, null, null, null, false, null, null, null), Plans.lab())
                .report();
        assertThat(r.skippedBy()).containsEntry(SwfReport.Reason.TOO_BIG, 1L);
        assertThat(r.load().traceProcessorSeconds()).isEqualTo(192_000.0);
        assertThat(r.load().traceLoad()).isEqualTo(192_000.0 / 256 / 1000);
        assertThat(r.load().planCpuSeconds()).isEqualTo(64_000.0);
        assertThat(r.load().planLoad()).isNull(); // one job left: no span of arrivals
    }

    @Test
    void changesAreCountedByKindWithTheirLines() throws IOException {
        String swf = "; MaxProcs: 128\n"
                + "1 0 -1 100 1 -1 -1 -1 -1 -1 1 1 -1 -1 0 -1 -1 -1\n"     // line 2: half a CPU -> 1
                + "2 10 -1 0 64 -1 -1 -1 -1 -1 1 2 -1 -1 0 -1 -1 -1\n"     // 3: run time 0 -> 1 s
                + "3 20 -1 100 512 -1 -1 -1 -1 -1 1 3 -1 -1 0 -1 -1 -1\n"  // 4: wider than MaxProcs: clamped to 64
                + "4 30 -1 100 64 -1 -1 -1 -1 -1 1 4 -1 -1 0 -1 -1 -1\n";  // 5: 32 CPUs, unchanged
        SwfReport r = read(swf).report();
        assertThat(r.changedJobs()).isEqualTo(3);
        assertThat(r.changedBy()).containsExactlyInAnyOrderEntriesOf(Map.of(Change.RAISED_TO_ONE_CPU, 1L,
                Change.RUN_TIME_RAISED_TO_ONE_SECOND, 1L, Change.CLAMPED_TO_PARTITION, 1L));
        assertThat(r.changes()).extracting(SwfReport.ChangeExample::line).containsExactly(2L, 3L, 4L);
        SwfReport.ChangeExample raised = r.changes().getFirst();
        assertThat(raised.scaled()).isEqualTo(0.5);
        assertThat(raised.cpus()).isEqualTo(1);
        assertThat(r.changes().get(2).cpus()).isEqualTo(CPUS);
    }

    @Test
    void jobsWithoutAUserAreSpreadByJobNumberAndTheMappingIsReported() throws IOException {
        StringBuilder swf = new StringBuilder("; MaxProcs: 64\n");
        for (int i = 1; i <= 6; i++) {
            swf.append(i).append(' ').append(i * 10).append(" -1 60 4 -1 -1 -1 -1 -1 1 -1 -1 -1 0 -1 -1 -1\n");
        }
        swf.append("7 70 -1 60 4 -1 -1 -1 -1 -1 1 5 -1 -1 0 -1 -1 -1\n"); // user 5 -> (5 - 1) mod 3 -> bob
        SwfImport result = read(swf.toString());
        assertThat(result.plan().jobs()).extracting(PlannedJob::user)
                .containsExactly("alice", "bob", "carol", "alice", "bob", "carol", "bob");
        SwfReport.Users users = result.report().users();
        assertThat(users.testUsers()).isEqualTo(Plans.USERS);
        assertThat(users.traceUsers()).isEqualTo(1);
        assertThat(users.jobsWithoutUser()).isEqualTo(6);
        assertThat(users.jobsPerTestUser()).containsExactly(Map.entry("alice", 2L), Map.entry("bob", 3L),
                Map.entry("carol", 2L));
    }

    @Test
    void aPlanWhoseLoadIsNotTheTracesIsWarnedOf() throws IOException {
        // run times not compressed while arrivals are: ten times the load
        SwfReport r = read(trace("; MaxProcs: 64\n", 200, 64, 8),
                new SwfOptions(10.0, false, null, null, null, null, null, null, null, null), Plans.lab()).report();
        assertThat(r.load().change()).isCloseTo(9.0, within(0.1));
        assertThat(r.load().warn()).isTrue();
    }
}
