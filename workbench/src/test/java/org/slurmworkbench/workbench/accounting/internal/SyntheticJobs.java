package org.slurmworkbench.workbench.accounting.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic-looking synthetic accounting jobs: many users with a heavy-tailed (Zipf) share of the jobs, each user in
 * one of 40 accounts, mostly small jobs with a long tail of wide ones, log-normal run and wait times, a GPU
 * partition, a few failure states, submitted over {@code span} up to {@code end}. Deterministic for a seed.
 */
final class SyntheticJobs {

    private static final String[] STATES = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY"};
    private static final double[] STATE_P = {0.80, 0.08, 0.07, 0.04, 0.01};

    private final SplittableRandom random;
    private final int users;
    private final double[] userCdf;
    private final Instant start;
    private final long spanSeconds;
    private long nextId = 1_000_000;

    SyntheticJobs(long seed, int users, Instant end, Duration span) {
        this.random = new SplittableRandom(seed);
        this.users = users;
        this.start = end.minus(span);
        this.spanSeconds = span.getSeconds();
        this.userCdf = new double[users];
        double sum = 0;
        for (int i = 0; i < users; i++) {
            sum += 1.0 / Math.pow(i + 1, 1.1);
            userCdf[i] = sum;
        }
        for (int i = 0; i < users; i++) {
            userCdf[i] /= sum;
        }
    }

    /** The next {@code n} jobs, submitted in order over the slice {@code [slice/slices, (slice+1)/slices)} of the span. */
    List<JobRow> batch(int n, int slice, int slices) {
        List<JobRow> out = new ArrayList<>(n);
        long sliceStart = spanSeconds * slice / slices;
        long sliceLength = Math.max(1, spanSeconds / slices);
        for (int i = 0; i < n; i++) {
            Instant submit = start.plusSeconds(sliceStart + sliceLength * i / n);
            out.add(job(submit));
        }
        return out;
    }

    private JobRow job(Instant submit) {
        int u = user();
        String user = "u" + u;
        String account = "acct" + (u % 40);
        boolean gpu = random.nextDouble() < 0.2;
        String partition = gpu ? "gpu" : random.nextDouble() < 0.1 ? "long" : "cpu";
        String qos = gpu ? "gpu" : partition.equals("long") ? "long" : "normal";
        String state = pick(STATES, STATE_P);
        int cpus = 1 << Math.min(8, (int) Math.floor(Math.abs(random.nextGaussian()) * 2.5));
        int gpus = gpu ? 1 << random.nextInt(4) : 0;
        int nodes = Math.max(1, cpus / 64);
        int limitMin = partition.equals("long") ? 7 * 24 * 60 : 24 * 60;
        long wait = (long) Math.min(7 * 86400, Math.exp(random.nextGaussian() * 2.0 + 5));
        long elapsed = state.equals("TIMEOUT") ? limitMin * 60L
                : (long) Math.min(limitMin * 60L, Math.exp(random.nextGaussian() * 1.8 + 7));
        boolean neverStarted = state.equals("CANCELLED") && random.nextDouble() < 0.5;
        Instant begin = neverStarted ? null : submit.plusSeconds(wait);
        if (neverStarted) {
            elapsed = 0;
        }
        Instant end = neverStarted ? submit.plusSeconds(wait) : begin.plusSeconds(elapsed);
        long id = nextId++;
        return new JobRow("bench", id, null, null, null, null, user, account, partition, qos, state,
                state.equals("COMPLETED") ? 0 : 1, submit, submit, begin, end, cpus, nodes, gpus, cpus * 2048L, limitMin,
                elapsed, elapsed * cpus, elapsed * gpus, neverStarted ? null : wait, "job-" + (id % 5000), null, null,
                // what the steps used: a share of the CPU time given, a share of the memory asked for per node
                neverStarted ? null : (long) (elapsed * cpus * 1000 * random.nextDouble()),
                neverStarted ? null : (long) (cpus * 2048L / nodes * 1048576 * random.nextDouble()));
    }

    private int user() {
        double x = random.nextDouble();
        int lo = 0, hi = users - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (userCdf[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private String pick(String[] values, double[] p) {
        double x = random.nextDouble();
        for (int i = 0; i < values.length; i++) {
            x -= p[i];
            if (x <= 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
