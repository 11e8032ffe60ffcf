package org.slurmworkbench.workbench.workload.swf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.workload.plan.Capacity;
import org.slurmworkbench.workbench.workload.plan.Plans;
import org.slurmworkbench.workbench.workload.plan.WorkloadGenerator;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters;

/**
 * The plan benchmark (run by {@code bench/workload-plan}, not by CI): generating {@code -Dbench.jobs} jobs (default
 * 1,000,000; Poisson arrivals, log-normal run times, three users) and writing them as an SWF file, against a baseline
 * measured in the same run: writing as many lines of one fixed SWF record to a file the same way. Prints medians of
 * {@code -Dbench.reps} runs after two warm-ups, and their ratio.
 */
class WorkloadPlanBench {

    @Test
    void generateAndWriteSwf() throws IOException {
        int n = Integer.getInteger("bench.jobs", 1_000_000);
        int reps = Integer.getInteger("bench.reps", 5);
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        Path swf = dir.resolve("plan.swf");
        Path fixed = dir.resolve("fixed.swf");
        WorkloadParameters p = Plans.simple(n, 42);
        Capacity lab = Plans.lab();
        long[] baseline = new long[reps];
        long[] generate = new long[reps];
        long[] total = new long[reps];
        for (int i = -2; i < reps; i++) {
            long a = System.nanoTime();
            fixedLines(fixed, n);
            long b = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(swf)) {
                SwfWriter.writeGenerated("generator:bench", p, lab, out);
            }
            long c = System.nanoTime();
            // the plan in memory last: its million dropped records would otherwise be collected during the write
            WorkloadGenerator.generate("generator:bench", p, lab);
            long d = System.nanoTime();
            if (i >= 0) {
                baseline[i] = b - a;
                total[i] = c - b;
                generate[i] = d - c;
            }
        }
        long lines = Files.lines(swf, StandardCharsets.US_ASCII).filter(l -> !l.startsWith(";")).count();
        System.out.printf("""
                WORKLOAD PLAN BENCH, %d jobs (%d SWF lines written), %d cores, median of %d
                  generate the plan (in memory)      : %6d ms
                  generate and write it as SWF       : %6d ms  (target <= 2000 ms; %.2fx the baseline)
                  baseline: %d fixed SWF lines     : %6d ms
                %n""", n, lines, Runtime.getRuntime().availableProcessors(), reps, median(generate) / 1_000_000,
                median(total) / 1_000_000, (double) median(total) / median(baseline), n, median(baseline) / 1_000_000);
    }

    /** The same line {@code n} times, through a buffered stream: the cost of the bytes alone. */
    private static void fixedLines(Path file, int n) throws IOException {
        byte[] line = "1 0 -1 37 -1 -1 -1 4 120 -1 -1 1 -1 -1 -1 1 -1 -1\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = 0; i < n; i++) {
                out.write(line);
            }
        }
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
