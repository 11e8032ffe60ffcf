package org.slurmworkbench.workbench.workload.swf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.slurmworkbench.workbench.workload.plan.Plans;
import org.slurmworkbench.workbench.workload.plan.Presets;
import org.slurmworkbench.workbench.workload.plan.WorkloadGenerator;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters;
import org.slurmworkbench.workbench.workload.plan.WorkloadPlan;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Reason;

class SwfTest {

    private static final String GOOD = "%d %d 10 %d 4 -1 -1 %d %d -1 1 %d 1 -1 1 1 -1 -1\n";

    private static String job(long number, long submit, long run, long procs, long requested, long user) {
        return String.format(GOOD, number, submit, run, procs, requested, user);
    }

    private static SwfImport read(String text, SwfOptions options) throws IOException {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), options);
    }

    private static SwfImport read(InputStream in, SwfOptions options) throws IOException {
        return SwfReader.read(in, "swf:test.swf", options, Plans.lab(), Plans.USERS);
    }

    @Test
    void badLinesAreSkippedAndReportedByReasonWithTheirLineNumbers() throws IOException {
        String swf = "; Version: 2.2\n"
                + "; MaxProcs: 64\n"
                + "\n"
                + job(1, 0, 100, 4, 300, 1)                                  // line 4: fine
                + "1 2 3\n"                                                  // 5: 3 fields
                + "2 5 10 20 4 -1 -1 4 60 -1 1 2 1 -1 1 1 -1 x\n"           // 6: non-numeric
                + job(3, -1, 100, 4, 300, 1)                                 // 7: submit -1
                + job(4, 10, -1, 4, 300, 1)                                  // 8: run time -1
                + "5 20 10 30 -1 -1 -1 -1 60 -1 1 1 1 -1 1 1 -1 -1\n"        // 9: no processors
                + job(6, 30, 50, 200, 300, 2)                                // 10: wider than its MaxProcs: clamped
                + "7 40 10 30 4 -1 -1 4 60 -1 1 1 1 -1 1 1 -1 \u0001\n"      // 11: control byte
                + job(8, 50, 20, 2, -1, 3)                   // 12: fine, no requested time
                + job(9, -7, 100, 4, 300, 1)                                 // 13: negative submit
                + "   \t\r\n"                                                // 14: blank
                + "10 60 1 30.6 4 -1 -1 4 60 -1 1 1 1 -1 1 1 -1 -1";        // 15: fine, decimal, no final newline
        SwfImport result = read(swf, SwfOptions.DEFAULTS);
        SwfReport r = result.report();
        assertThat(r.lines()).isEqualTo(15);
        assertThat(r.headerLines()).isEqualTo(2);
        assertThat(r.imported()).isEqualTo(4);
        assertThat(r.skipped()).isEqualTo(7);
        assertThat(r.skippedBy()).containsExactlyInAnyOrderEntriesOf(Map.of(Reason.FIELD_COUNT, 1L, Reason.NON_NUMERIC, 1L,
                Reason.SUBMIT_TIME_MISSING, 2L, Reason.RUN_TIME_MISSING, 1L, Reason.PROCESSORS_MISSING, 1L,
                Reason.MALFORMED, 1L));
        assertThat(r.examples()).extracting(SwfReport.Example::line).containsExactly(5L, 6L, 7L, 8L, 9L, 11L, 13L);
        assertThat(r.examples().get(5).text()).endsWith("-1 ?");
        assertThat(r.version()).isEqualTo("2.2");
        assertThat(r.maxProcs()).isEqualTo(64);
        assertThat(r.factor()).isEqualTo(1.0);
        assertThat(r.changedBy()).containsExactlyEntriesOf(Map.of(SwfReport.Change.CLAMPED_TO_PARTITION, 1L));
        assertThat(r.changes()).singleElement().satisfies(c -> assertThat(c.line()).isEqualTo(10));

        List<PlannedJob> jobs = result.plan().jobs();
        assertThat(jobs).extracting(PlannedJob::seq).containsExactly(1, 2, 3, 4);
        assertThat(jobs).extracting(PlannedJob::submitOffsetMillis).containsExactly(0L, 30_000L, 50_000L, 60_000L);
        assertThat(jobs).extracting(PlannedJob::user).containsExactly("alice", "bob", "carol", "alice");
        assertThat(jobs).extracting(PlannedJob::cpus).containsExactly(4, 64, 2, 4);
        assertThat(jobs).extracting(PlannedJob::runSeconds).containsExactly(100, 50, 20, 31);
        // requested 300 s -> 5 min; none requested -> 20 s x 1.5 -> 1 min; 60 s -> 1 min
        assertThat(jobs).extracting(PlannedJob::timeLimitMinutes).containsExactly(5, 5, 1, 1);
        assertThat(result.plan().source()).isEqualTo("swf:test.swf");
    }

    @Test
    void aHugeHeaderAndAGiantLineAreCountedNotHeld() throws IOException {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            header.append("; Note: header line ").append(i).append('\n');
        }
        byte[] giant = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(giant, (byte) '7');
        InputStream in = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(header.toString().getBytes(StandardCharsets.US_ASCII)),
                new ByteArrayInputStream(giant),
                new ByteArrayInputStream(("\n; " + "h".repeat(100_000) + "\n" + job(1, 5, 10, 1, 60, 2))
                        .getBytes(StandardCharsets.US_ASCII)))));
        SwfReport r = read(in, SwfOptions.DEFAULTS).report();
        assertThat(r.lines()).isEqualTo(200_003);
        assertThat(r.headerLines()).isEqualTo(200_001);
        assertThat(r.imported()).isEqualTo(1);
        assertThat(r.skippedBy()).containsExactlyEntriesOf(Map.of(Reason.LINE_TOO_LONG, 1L));
        assertThat(r.examples()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(200_001);
            assertThat(e.text()).hasSize(120);
        });
    }

    @Test
    void windowCompressionScalingAndLimitsApply() throws IOException {
        StringBuilder swf = new StringBuilder("; MaxProcs: 1024\n");
        for (int i = 1; i <= 100; i++) {
            swf.append(job(i, 1000 + i * 100L, 600, 16 * (i % 8 + 1), 1200, i));
        }
        // by time: submit in [3000, 6000) -> jobs 20..49; compressed 10x; sizes x 64/1024
        SwfImport byTime = read(swf.toString(), new SwfOptions(10.0, null, 3000L, 6000L, null, null, null, null, null, null));
        assertThat(byTime.report().imported()).isEqualTo(30);
        assertThat(byTime.report().skippedBy()).containsExactlyEntriesOf(Map.of(Reason.OUT_OF_WINDOW, 70L));
        assertThat(byTime.report().factor()).isEqualTo(64 / 1024.0);
        List<PlannedJob> jobs = byTime.plan().jobs();
        assertThat(jobs.get(1).submitOffsetMillis() - jobs.get(0).submitOffsetMillis()).isEqualTo(10_000);
        assertThat(jobs).allMatch(j -> j.runSeconds() == 60 && j.timeLimitMinutes() == 2);
        assertThat(jobs).allMatch(j -> j.cpus() >= 1 && j.cpus() <= 8);
        // by job number, no scaling: 80 to 128 CPUs are too big for 64 (half of jobs 10..59); the limit stops the rest
        SwfImport byNumber = read(swf.toString(), new SwfOptions(null, false, null, null, 10L, 59L, false, 20, null, "gpu"));
        assertThat(byNumber.report().imported()).isEqualTo(20);
        assertThat(byNumber.report().skippedBy()).containsEntry(Reason.OUT_OF_WINDOW, 50L)
                .containsEntry(Reason.TOO_BIG, 24L).containsEntry(Reason.OVER_LIMIT, 6L);
        assertThat(byNumber.plan().jobs()).allMatch(j -> "gpu".equals(j.partition()) && j.nodes() == (j.cpus() + 31) / 32);
    }

    @Test
    void aWrittenPlanReadsBackAsTheSamePlan() throws IOException {
        WorkloadPlan plan = WorkloadGenerator.generate("generator:test", Plans.simple(2000, 5), Plans.lab()).plan();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SwfWriter.write(plan, out);
        String text = out.toString(StandardCharsets.US_ASCII);
        assertThat(text).startsWith("; Version: 2.2\n").contains("; Note: user 1=");
        assertThat(text.lines().filter(l -> !l.startsWith(";"))).hasSize(2000)
                .allMatch(l -> l.split(" ").length == 18);
        SwfImport back = read(text, new SwfOptions(null, null, null, null, null, null, false, null, 1.0, null));
        assertThat(back.report().skipped()).isZero();
        assertThat(back.plan().jobs()).hasSize(2000);
        long first = plan.jobs().getFirst().submitOffsetMillis() / 1000;
        for (int i = 0; i < 2000; i++) {
            PlannedJob a = plan.jobs().get(i);
            PlannedJob b = back.plan().jobs().get(i);
            assertThat(b.submitOffsetMillis()).isEqualTo((a.submitOffsetMillis() / 1000 - first) * 1000);
            assertThat(b.cpus()).isEqualTo(a.cpus());
            assertThat(b.runSeconds()).isEqualTo(a.runSeconds());
            assertThat(b.timeLimitMinutes()).isEqualTo(a.timeLimitMinutes());
        }
        // users are numbered by first appearance, so they map back onto the test users in that order
        List<String> order = plan.jobs().stream().map(PlannedJob::user).distinct().toList();
        for (int i = 0; i < 2000; i++) {
            assertThat(Plans.USERS.get(order.indexOf(plan.jobs().get(i).user())))
                    .isEqualTo(back.plan().jobs().get(i).user());
        }
    }

    @Test
    void aPlanWrittenAsItIsGeneratedIsByteForByteThePlanWrittenWhole() throws IOException {
        WorkloadParameters mixed = Presets.mixed(Plans.lab(), Plans.USERS).parameters();
        for (WorkloadParameters p : List.of(Plans.simple(5000, 11), mixed)) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            SwfWriter.write(WorkloadGenerator.generate("generator:test", p, Plans.lab()).plan(), whole);
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            long clamped = SwfWriter.writeGenerated("generator:test", p, Plans.lab(), streamed);
            assertThat(clamped).isEqualTo(WorkloadGenerator.generate("generator:test", p, Plans.lab()).clampedJobs());
            assertThat(streamed.toString(StandardCharsets.US_ASCII)).isEqualTo(whole.toString(StandardCharsets.US_ASCII))
                    .contains("; MaxJobs: " + p.jobs() + "\n");
        }
    }

    @Test
    void fractionalCpuTimesAreRoundedAsPrintfWould() throws IOException {
        for (double v : new double[]{6.25, 1.005, 0.125, 2.675, 12345.678, -0.004, 1e-7}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (SwfWriter w = new SwfWriter(out)) {
                w.write(new SwfRecord(1, 0, 0, 0, 1, v, -1, 1, 1, -1, SwfRecord.COMPLETED, 1, 1, -1, -1, 1, -1, -1));
            }
            assertThat(out.toString(StandardCharsets.US_ASCII).split(" ")[5])
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", v));
        }
    }

    @Test
    void aRecordWritesAllEighteenFields() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SwfWriter w = new SwfWriter(out)) {
            w.write(new SwfRecord(1, 2, 3, 4, 5, 6.25, 7, 8, 9, 10, SwfRecord.COMPLETED, 12, 13, 14, 15, 16, -1, Long.MIN_VALUE));
        }
        assertThat(out.toString(StandardCharsets.US_ASCII))
                .isEqualTo("1 2 3 4 5 6.25 7 8 9 10 1 12 13 14 15 16 -1 " + Long.MIN_VALUE + "\n");
    }
}
