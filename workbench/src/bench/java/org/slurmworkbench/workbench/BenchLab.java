package org.slurmworkbench.workbench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.SlurmClientConfig;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.slurm.token.MintedTokens;

/**
 * A lab release loaded for a benchmark: a client as patient as the app is with lists, N held jobs of alice's under one
 * job name added as quickly as the lab allows, and all of them cancelled afterwards (waited for until squeue shows
 * none). Shared by the benches that need a real job list of a known size ({@code bench/overview}, {@code bench/gauges}).
 */
public final class BenchLab {

    private BenchLab() {
    }

    /** slurmrestd builds a 20,000-job list whole (26.05: ~30 s): as patient as the app's list-timeout. */
    public static SlurmClient client(LabCluster lab) {
        return new SlurmClient(new SlurmClientConfig(URI.create(lab.restUrl()),
                new MintedTokens(lab.jwtKey(), Duration.ofMinutes(30)), lab.adminUser(), null, Duration.ofMinutes(3), null, 0, null));
    }

    /**
     * Adds {@code n} held individual jobs named {@code tag} as alice. Both ways are timed on a sample first (parallel
     * REST POSTs vs parallel {@code sbatch --hold} loops through {@code lab sh}); the rest goes the faster way.
     * Returns what was measured.
     */
    public static List<String> submitHeld(LabCluster lab, SlurmApi alice, String tag, int n) throws Exception {
        if (n == 0) {
            return List.of();
        }
        int sample = Math.max(20, Math.min(400, n / 10));
        long t = System.nanoTime();
        submitRest(alice, tag, sample);
        double rest = sample / ((System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        submitSbatch(lab, tag, sample);
        double sbatch = sample / ((System.nanoTime() - t) / 1e9);
        int left = n - 2 * sample;
        t = System.nanoTime();
        if (left > 0) {
            if (rest >= sbatch) {
                submitRest(alice, tag, left);
            } else {
                submitSbatch(lab, tag, left);
            }
        }
        double rate = left <= 0 ? 0 : left / ((System.nanoTime() - t) / 1e9);
        return List.of(String.format("  submitting %d held jobs: REST (16 parallel POSTs) %.0f jobs/s, sbatch --hold (8 parallel loops) "
                + "%.0f jobs/s on %d each; the other %d by %s at %.0f jobs/s", n, rest, sbatch, sample, Math.max(0, left),
                rest >= sbatch ? "REST" : "sbatch", rate));
    }

    /** Cancels every job named {@code tag} and waits (up to 5 minutes) until squeue lists none; answers how many remain. */
    public static int cancel(LabCluster lab, String tag) throws InterruptedException {
        LabShell.run(lab, "scancel", "--name=" + tag);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        int left;
        while ((left = LabShell.lines(lab, "squeue", "-h", "-n", tag, "-t", "PD,R,CG,S", "-o", "%i").size()) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            LabShell.run(lab, "scancel", "--name=" + tag);
        }
        return left;
    }

    /** The machine's 1-minute load average, as benches print it beside their numbers. */
    public static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void submitRest(SlurmApi alice, String tag, int n) {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            JobSubmission job = JobSubmission.builder("#!/bin/bash\ntrue\n").name(tag).hold(true).timeLimitMinutes(5)
                    .workDir("/tmp").standardOutput("/dev/null").build();
            IntStream.range(0, n).forEach(i -> all.add(CompletableFuture.runAsync(() -> alice.submit(job), pool)));
            all.forEach(CompletableFuture::join);
        }
    }

    private static void submitSbatch(LabCluster lab, String tag, int n) throws Exception {
        int loops = 8;
        List<Process> running = new ArrayList<>();
        for (int l = 0; l < loops; l++) {
            int count = n / loops + (l < n % loops ? 1 : 0);
            String loop = "for i in $(seq " + count + "); do sbatch -Q -H -J " + tag
                    + " -t 5 -D /tmp -o /dev/null --wrap true || exit 1; done";
            running.add(new ProcessBuilder(LabShell.script(), "sh", lab.series(), "--user", "alice", "bash", "-c", loop)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process p : running) {
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AssertionError("sbatch loop failed on " + lab);
            }
        }
    }
}
