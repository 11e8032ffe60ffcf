package org.slurmworkbench.workbench.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BenchLab;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The overview benchmark (run by {@code bench/overview}, not by CI): in one run against one lab release, the raw
 * slurmrestd fetch of what the overview needs (nodes, partitions and jobs in parallel, HTTP + JSON) vs the app's
 * overview cold (Redis entry deleted) and warm (p50/p95 under 50 concurrent clients, back to back and as viewers
 * polling every second; also revalidated with the ETag, and the dashboard's htmx fragment). {@code -Dbench.jobs=N} first adds N held individual jobs (cancelled at the end)
 * so the job list has a known size. Then the heap an overview of {@code -Dbench.heapJobs} (100,000) jobs needs, in
 * forked JVMs ({@code OverviewHeapCheck}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // production TTL; no collector and no QOS sampler reading the job list beside the measured reads; a cold viewer
        // waits for the whole fetch (by default it would get "no answer yet" after 8 s)
        properties = {"workbench.dashboard.ttl=10s", "workbench.history.enabled=false", "workbench.qos.sample-interval=1h",
                "workbench.dashboard.max-wait=3m"})
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
        int heapJobs = Integer.getInteger("bench.heapJobs", 100_000);
        SlurmClient client = BenchLab.client(lab);
        String tag = "wbbench-" + Long.toString(System.nanoTime(), 36);
        List<String> out = new ArrayList<>();
        try {
            out.addAll(BenchLab.submitHeld(lab, client.as("alice"), tag, jobs));
            TestHttp http = new TestHttp(port).basic("admin", "admin-test-password").timeout(Duration.ofMinutes(3));
            String path = "/api/v1/clusters/" + lab.name() + "/overview";
            String v = client.info().apiVersion().toString();
            http.get(path); // warm up both sides once (discovery, JIT)
            // The app asks for jobs changed since its last read (update_time); one job changed before each cold round
            // makes slurmrestd send the whole list again, as on a busy cluster.
            String touched = jobs == 0 ? null : LabShell.lines(lab, "squeue", "-h", "-n", tag, "-o", "%i").getFirst();
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
                if (touched != null) {
                    LabShell.run(lab, "scontrol", "update", "jobid=" + touched, "comment=round" + i);
                }
                redis.delete(keyPrefix + lab.name());
                t = System.nanoTime();
                TestHttp.Response r = http.get(path);
                cold[i] = System.nanoTime() - t;
                if (r.status() != 200 || r.json().path("stale").asBoolean(true) || !r.json().hasNonNull("fetchedAt")) {
                    throw new AssertionError("the cold overview is not a fresh one: HTTP " + r.status() + " "
                            + r.body().substring(0, Math.min(400, r.body().length())));
                }
                size = r.body().length();
            }
            Warm warm = warm(path, 50, 40, false, 0);
            Warm revalidated = warm(path, 50, 40, true, 0);
            Warm paced = warm(path, 50, 20, false, 1000);
            Warm fragments = warm("/fragments/overviews", 50, 20, false, 0);
            Warm floor = warm("/api/v1/clusters/no-such-cluster/overview", 50, 40, false, 0);
            double rawMs = median(raw) / 1e6, coldMs = median(cold) / 1e6;
            out.add(0, String.format("OVERVIEW BENCH %s, %d jobs in squeue -r, overview JSON %d bytes, load %s", lab,
                    LabShell.lines(lab, "squeue", "-r", "-h", "-o", "%i").size(), size, BenchLab.load()));
            out.add(String.format("  raw slurmrestd fetch (nodes+partitions+jobs, HTTP+JSON), median of %d: %.1f ms", rounds, rawMs));
            out.add(String.format("  app overview cold (cache emptied, a job changed), median of %d: %.1f ms  = %.2fx raw (target <= 1.25x)",
                    rounds, coldMs, coldMs / rawMs));
            out.add(warm.line("app overview warm, 50 clients x 40 back to back (closed loop):", rawMs));
            out.add(paced.line("... 50 viewers polling every 1 s (the page: 10 s) x 20:", rawMs));
            out.add(revalidated.line("... the same with If-None-Match (304):", rawMs));
            out.add(fragments.line("dashboard page fragment (htmx, all clusters), 50 x 20:", null));
            out.add(floor.line("floor: same sessions, unknown cluster (404, no overview):", null));
        } finally {
            if (jobs > 0) {
                BenchLab.cancel(lab, tag);
            }
        }
        if (heapJobs > 0) {
            out.addAll(heap(heapJobs));
        }
        System.out.printf("%n%s%n%n", String.join("\n", out));
    }

    /**
     * An overview of {@code n} jobs built in forked JVMs: streamed (as the app reads) with -Xmx256m, the whole-tree
     * read of before with the same heap, and the tree read with room enough to measure its peak.
     */
    private static List<String> heap(int n) throws Exception {
        List<String> out = new ArrayList<>();
        out.add(String.format("  heap: overview of %,d jobs, synthetic: a REAL recorded 24.11 v0.0.42 held-job record "
                + "(slurm-client test resources) replicated %,d times with distinct ids, served over local HTTP", n, n));
        String streamed = fork(n, "streamed", "256m");
        out.add("    -Xmx256m streamed: " + streamed);
        out.add("    -Xmx256m tree (before): " + fork(n, "tree", "256m"));
        String tree = fork(n, "tree", "4g");
        out.add("    -Xmx4g   tree (before): " + tree);
        Long s = peakMb(streamed), t = peakMb(tree);
        if (s != null && t != null) {
            out.add(String.format("    peak heap streamed / tree = %d / %d MB = %.2fx (target: streamed under 256 MB)", s, t, (double) s / t));
        }
        return out;
    }

    private static String fork(int n, String mode, String xmx) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx,
                // an OutOfMemoryError in a helper thread left the JVM hung, and this bench waiting for its output
                "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "org.slurmworkbench.workbench.dashboard.internal.OverviewHeapCheck", Integer.toString(n), mode)
                .redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor(10, TimeUnit.MINUTES);
        return lines.stream().filter(l -> l.startsWith("HEAP ")).findFirst().map(l -> l.substring(5))
                .orElseGet(() -> "FAILED (exit " + p.exitValue() + "): " + lines.stream()
                        .filter(l -> l.contains("Error") || l.contains("Exception")).findFirst().orElse(String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()))));
    }

    private static Long peakMb(String line) {
        Matcher m = Pattern.compile("peak (\\d+) MB").matcher(line);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    /** Latencies of {@code clients} sessions each sending {@code each} requests at once; failures are counted, not thrown. */
    /**
     * {@code thinkMillis} 0: each client sends its next request as soon as it has the answer (a closed loop: on two
     * cores shared with the clients, latency is then 50 / throughput). Otherwise each waits about that long
     * (+-50 %, so that they do not move in step) between requests, as viewers of a page that polls do.
     */
    private Warm warm(String path, int clients, int each, boolean conditional, long thinkMillis) throws Exception {
        long[] latencies = new long[clients * each];
        AtomicInteger failed = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int base = c * each;
                all.add(CompletableFuture.runAsync(() -> {
                    // A session, as browsers have: HTTP basic would cost a bcrypt check per request.
                    TestHttp http = new TestHttp(port).timeout(Duration.ofSeconds(120));
                    String etag = null;
                    try {
                        http.formLogin("admin", "admin-test-password");
                        etag = http.get(path).header("ETag");
                    } catch (AssertionError e) {
                        // a login that timed out on a loaded machine: its requests count as failed, the run goes on
                    }
                    for (int i = 0; i < each; i++) {
                        if (thinkMillis > 0) {
                            try {
                                Thread.sleep(thinkMillis / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(thinkMillis));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                        long t = System.nanoTime();
                        try {
                            TestHttp.Response r = conditional && etag != null ? http.get(path, "If-None-Match", etag) : http.get(path);
                            if (r.status() >= 500) {
                                failed.incrementAndGet(); // e.g. 503 when the session store (MariaDB) pool runs dry
                            }
                            etag = r.status() == 200 && r.header("ETag") != null ? r.header("ETag") : etag;
                        } catch (AssertionError e) {
                            failed.incrementAndGet(); // no answer within the timeout
                        }
                        latencies[base + i] = System.nanoTime() - t;
                    }
                }, pool));
            }
            all.forEach(CompletableFuture::join);
        }
        return new Warm(latencies, failed.get());
    }

    private record Warm(long[] latencies, int failed) {
        String line(String what, Double rawMs) {
            return String.format("  %-58s p50 %6.1f ms, p95 %6.1f ms%s%s", what, percentile(latencies, 50) / 1e6,
                    percentile(latencies, 95) / 1e6, rawMs == null ? "" : String.format(" = %.2fx raw", percentile(latencies, 95) / 1e6 / rawMs),
                    failed == 0 ? "" : String.format(", %d of %d failed (5xx or no answer)", failed, latencies.length));
        }
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
