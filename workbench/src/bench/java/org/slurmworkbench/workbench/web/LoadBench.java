package org.slurmworkbench.workbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestApp;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;

/**
 * {@code bench/load}: {@code -Dbench.users} (200) users arrive over {@code -Dbench.rampSeconds} (60), log in and
 * then all browse the dashboard, their jobs and accounting for {@code -Dbench.seconds} (300) more against the
 * packaged app in its own process, with 0.5–1.5 s between clicks
 * (a bounded, closed-loop load on loopback). Prints p50/p95 per page, errors, and the app's CPU and memory; the
 * baseline, fetched by the same users in the same run, is a static stylesheet.
 */
class LoadBench {

    static final List<String> PAGES = List.of("dashboard", "overview-api", "my-jobs", "my-jobs-table", "accounting",
            "usage-api", "static-baseline");

    @Test
    void twoHundredUsersBrowseForFiveMinutes() throws Exception {
        int users = Integer.getInteger("bench.users", 200);
        long seconds = Long.getLong("bench.seconds", 300);
        LabCluster lab = TestLab.present().getFirst();
        String db = System.getProperty("wb.test.db", "slurm_workbench_test") + "_load";
        try (TestApp app = TestApp.start("load", db, Map.of("logging.level.root", "WARN"))) {
            TestHttp admin = new TestHttp(app.port()).basic("admin", "admin-test-password");
            String[] slurmUsers = {"alice", "bob", "carol"};
            for (int i = 0; i < users; i++) {
                int status = admin.postJson("/api/v1/users", "{\"username\":\"load-u" + i + "\",\"password\":\"load-pass-123\","
                        + "\"role\":\"USER\",\"slurmUser\":\"" + slurmUsers[i % 3] + "\"}").status();
                assertThat(status).as("creating load-u%d", i).isIn(201, 409);
            }
            Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
            PAGES.forEach(p -> latencies.put(p, java.util.Collections.synchronizedList(new ArrayList<>())));
            latencies.put("login", java.util.Collections.synchronizedList(new ArrayList<>()));
            Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
            String from = Instant.now().minus(Duration.ofDays(7)).toString();
            Map<String, String> paths = Map.of(
                    "dashboard", "/",
                    "overview-api", "/api/v1/clusters/" + lab.name() + "/overview",
                    "my-jobs", "/submit/jobs",
                    "my-jobs-table", "/submit/jobs/table",
                    "accounting", "/accounting",
                    "usage-api", "/api/v1/accounting/usage?cluster=" + lab.name() + "&groupBy=user&from=" + from,
                    "static-baseline", "/css/workbench.css");

            ProcStat before = ProcStat.of(app.pid());
            long peakRss = 0;
            // users arrive over the ramp (as people do in the morning), then all of them browse for `seconds`
            long rampMillis = Long.getLong("bench.rampSeconds", 60) * 1000;
            Instant start = Instant.now();
            Instant end = start.plusMillis(rampMillis).plusSeconds(seconds);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < users; i++) {
                    int n = i;
                    Instant arrival = start.plusMillis(rampMillis * i / users);
                    pool.submit(() -> {
                        Thread.sleep(Math.max(0, Duration.between(Instant.now(), arrival).toMillis()));
                        browse(app.port(), "load-u" + n, end, paths, latencies, errors);
                        return null;
                    });
                }
                while (Instant.now().isBefore(end)) {
                    peakRss = Math.max(peakRss, ProcStat.rssKb(app.pid()));
                    Thread.sleep(1000);
                }
            }
            ProcStat after = ProcStat.of(app.pid());
            double cpuSeconds = (after.cpuTicks() - before.cpuTicks()) / 100.0;
            double wall = (after.at() - before.at()) / 1e9;

            StringBuilder out = new StringBuilder("LOAD BENCH: %d users arriving over %d s, then all browsing %d s, cluster %s%n"
                    .formatted(users, rampMillis / 1000, seconds, lab));
            double baseP50 = percentile(latencies.get("static-baseline"), 50);
            long total = 0;
            for (String page : java.util.stream.Stream.concat(java.util.stream.Stream.of("login"), PAGES.stream()).toList()) {
                List<Long> l = latencies.get(page);
                total += l.size();
                out.append("  %-16s n=%6d  p50=%7.1f ms  p95=%7.1f ms  p95/baseline-p50=%6.1fx  errors=%d%n".formatted(page,
                        l.size(), percentile(l, 50), percentile(l, 95), percentile(l, 95) / baseP50,
                        errors.getOrDefault(page, new AtomicLong()).get()));
            }
            out.append("  requests %d (%.0f/s); app CPU %.1f s over %.0f s = %.2f cores; peak RSS %d MB%n".formatted(total,
                    total / wall, cpuSeconds, wall, cpuSeconds / wall, peakRss / 1024));
            System.out.print(out);
            long errorCount = errors.values().stream().mapToLong(AtomicLong::get).sum();
            assertThat(errorCount).as("errors under load: %s", errors).isZero();
        }
    }

    private static void browse(int port, String user, Instant end, Map<String, String> paths,
                               Map<String, List<Long>> latencies, Map<String, AtomicLong> errors) {
        TestHttp browser = new TestHttp(port);
        try {
            long started = System.nanoTime();
            String location;
            try {
                location = browser.formLogin(user, "load-pass-123").header("Location");
            } catch (RuntimeException | AssertionError e) {
                location = null;
            }
            latencies.get("login").add(System.nanoTime() - started);
            if (location == null || location.contains("error")) {
                errors.computeIfAbsent("login", k -> new AtomicLong()).incrementAndGet();
                return;
            }
            while (Instant.now().isBefore(end)) {
                for (String page : PAGES) {
                    long t = System.nanoTime();
                    try {
                        int status = browser.get(paths.get(page)).status();
                        if (status != 200) {
                            errors.computeIfAbsent(page, k -> new AtomicLong()).incrementAndGet();
                        }
                    } catch (RuntimeException | AssertionError e) { // TestHttp answers a timeout with an AssertionError
                        errors.computeIfAbsent(page, k -> new AtomicLong()).incrementAndGet();
                    }
                    latencies.get(page).add(System.nanoTime() - t);
                    Thread.sleep(ThreadLocalRandom.current().nextLong(500, 1500));
                    if (!Instant.now().isBefore(end)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double percentile(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted;
        synchronized (nanos) {
            sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** CPU ticks (user + system, 100 per second on Linux) of a process and when they were read. */
    record ProcStat(long cpuTicks, long at) {
        static ProcStat of(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new ProcStat(Long.parseLong(f[11]) + Long.parseLong(f[12]), System.nanoTime());
        }

        static long rssKb(long pid) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        }
    }
}
