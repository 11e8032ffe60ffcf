package org.slurmworkbench.workbench.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.submit.LabShell;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The overview benchmark (run by {@code bench/overview}, not by CI): in one run against one lab release, the raw
 * slurmrestd fetch of what the overview needs (nodes, partitions and jobs in parallel, HTTP + JSON) vs the app's
 * overview cold (Redis entry deleted) and warm (p50/p95 under 50 concurrent clients). {@code -Dbench.jobs=N} first
 * adds N held jobs (cancelled at the end) so the job list has a known size.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"workbench.dashboard.ttl=10s", "workbench.history.enabled=false"}) // production TTL, no collector
class OverviewBench {

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;
    @Value("${workbench.dashboard.key-prefix}")
    String keyPrefix;

    @Test
    void rawFetchVsOverviewColdAndWarm() throws Exception {
        String release = System.getProperty("bench.release", "");
        LabCluster lab = TestLab.present().stream().filter(c -> c.series().startsWith(release)).reduce((a, b) -> b).orElseThrow();
        int jobs = Integer.getInteger("bench.jobs", 0);
        int rounds = Integer.getInteger("bench.rounds", 7);
        SlurmClient client = lab.client();
        String tag = "wbbench-" + Long.toString(System.nanoTime(), 36);
        try {
            submitHeld(client.as("alice"), tag, jobs);
            TestHttp http = new TestHttp(port).basic("admin", "admin-test-password");
            String path = "/api/v1/clusters/" + lab.name() + "/overview";
            String v = client.info().apiVersion().toString();
            http.get(path); // warm up both sides once (discovery, JIT)
            long[] raw = new long[rounds];
            long[] cold = new long[rounds];
            int size = 0;
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                List<CompletableFuture<Void>> reads = List.of("nodes", "partitions", "jobs").stream()
                        .map(what -> CompletableFuture.runAsync(() -> client.transport().get(lab.adminUser(), "/slurm/" + v + "/" + what, Map.of())))
                        .toList();
                reads.forEach(CompletableFuture::join);
                raw[i] = System.nanoTime() - t;
                redis.delete(keyPrefix + lab.name());
                t = System.nanoTime();
                TestHttp.Response r = http.get(path);
                cold[i] = System.nanoTime() - t;
                size = r.body().length();
            }
            long[] warm = warm(path, 50, 40);
            double rawMs = median(raw) / 1e6, coldMs = median(cold) / 1e6;
            System.out.printf("%nOVERVIEW BENCH %s, %d jobs in squeue -r, overview JSON %d bytes%n", lab,
                    LabShell.lines(lab, "squeue", "-r", "-h", "-o", "%i").size(), size);
            System.out.printf("  raw slurmrestd fetch (nodes+partitions+jobs, HTTP+JSON), median of %d: %.1f ms%n", rounds, rawMs);
            System.out.printf("  app overview cold (cache emptied), median of %d:             %.1f ms  = %.2fx raw (target <= 1.25x)%n",
                    rounds, coldMs, coldMs / rawMs);
            System.out.printf("  app overview warm, 50 clients x 40 requests: p50 %.1f ms, p95 %.1f ms (target p95 <= 50 ms)%n",
                    percentile(warm, 50) / 1e6, percentile(warm, 95) / 1e6);
            System.out.printf("  heap used after the run: %d MB%n%n",
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        } finally {
            if (jobs > 0) {
                LabShell.run(lab, "scancel", "--name=" + tag);
            }
        }
    }

    private static void submitHeld(SlurmApi alice, String tag, int n) throws Exception {
        if (n == 0) {
            return;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            JobSubmission job = JobSubmission.builder("#!/bin/bash\ntrue\n").name(tag).hold(true).timeLimitMinutes(5)
                    .workDir("/tmp").standardOutput("/dev/null").build();
            IntStream.range(0, n).forEach(i -> all.add(CompletableFuture.runAsync(() -> alice.submit(job), pool)));
            all.forEach(CompletableFuture::join);
        }
    }

    private long[] warm(String path, int clients, int each) throws Exception {
        long[] latencies = new long[clients * each];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int base = c * each;
                all.add(CompletableFuture.runAsync(() -> {
                    // A session, as browsers have: HTTP basic would cost a bcrypt check per request.
                    TestHttp http = new TestHttp(port);
                    http.formLogin("admin", "admin-test-password");
                    http.get(path);
                    for (int i = 0; i < each; i++) {
                        long t = System.nanoTime();
                        http.get(path);
                        latencies[base + i] = System.nanoTime() - t;
                    }
                }, pool));
            }
            all.forEach(CompletableFuture::join);
        }
        return latencies;
    }

    private static double median(long[] values) {
        return percentile(values, 50);
    }

    private static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

}
