package org.slurmworkbench.workbench.gauges;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BenchLab;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.shared.Percentiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The gauges benchmark over HTTP on a real lab state (run by {@code bench/gauges}, not by CI): {@code -Dbench.gaugeJobs}
 * (20,000) held jobs are added to one release ({@code -Dbench.release}, 24.11), the app's shared snapshot is waited for
 * (until the gauges count those jobs), then {@code -Dbench.rounds} (200) scrapes of {@code GET /api/v1/metrics} are
 * timed one after the other, against one raw job-list fetch of slurmrestd ({@code GET /slurm/vX/jobs}, HTTP + JSON,
 * median of 3) measured in the same run. The app's {@code workbench.slurm.calls} counted around the scrapes says
 * whether they cost slurmrestd anything: the snapshot is kept current for 10 minutes here and nothing else reads
 * (no history collector, no sync, no QOS sampling), so any call in that window is a scrape's own. The jobs are
 * cancelled at the end and squeue is asked until it lists none. Prints numbers, never asserts times.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"workbench.metrics.token=" + GaugesHttpBench.TOKEN, "workbench.dashboard.ttl=10m",
                "workbench.dashboard.max-wait=3m", "workbench.history.enabled=false", "workbench.qos.sample-interval=1h",
                "workbench.accounting.sync.enabled=false"})
class GaugesHttpBench {

    static final String TOKEN = "gauges-bench-token-7c21";
    private static final Pattern JOBS = Pattern.compile("^slurm_partition_jobs\\{cluster=\"([^\"]+)\",[^}]*} (\\S+)$");

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;
    @Autowired
    StringRedisTemplate redis;
    @Value("${workbench.dashboard.key-prefix}")
    String keyPrefix;

    @Test
    void scrapeOverHttpVsOneRawJobListFetch() throws Exception {
        String release = System.getProperty("bench.release", "24.11");
        LabCluster lab = TestLab.present().stream().filter(c -> c.series().startsWith(release)).findFirst().orElseThrow();
        int jobs = Integer.getInteger("bench.gaugeJobs", 20_000);
        int scrapes = Integer.getInteger("bench.rounds", 200);
        SlurmClient client = BenchLab.client(lab);
        String tag = "wbgauges-" + Long.toString(System.nanoTime(), 36);
        List<String> out = new ArrayList<>();
        try {
            out.addAll(BenchLab.submitHeld(lab, client.as("alice"), tag, jobs));
            int inSqueue = LabShell.lines(lab, "squeue", "-r", "-h", "-o", "%i").size();
            // an overview made while the jobs were being added (the QOS sampler reads one at start-up) would stay
            // current for the 10 minutes set here: the next read makes it anew, from the whole list
            redis.delete(keyPrefix + lab.name());
            TestHttp prometheus = new TestHttp(port).bearer(TOKEN).timeout(Duration.ofMinutes(3));
            long t = System.nanoTime();
            double counted = 0;
            String text = "";
            while (counted < jobs && System.nanoTime() - t < Duration.ofMinutes(5).toNanos()) {
                text = scrape(prometheus);
                counted = jobsOf(lab.name(), text);
                if (counted < jobs) {
                    Thread.sleep(1000);
                }
            }
            if (counted < jobs) {
                throw new AssertionError("the gauges never counted the " + jobs + " jobs: " + counted);
            }
            double snapshotSeconds = (System.nanoTime() - t) / 1e9;

            String path = "/slurm/" + client.info().apiVersion() + "/jobs";
            long[] raw = new long[3];
            for (int i = 0; i < raw.length; i++) {
                long r = System.nanoTime();
                client.transport().get(lab.adminUser(), path, Map.of());
                raw[i] = System.nanoTime() - r;
            }
            for (int i = 0; i < 20; i++) {
                scrape(prometheus); // warm-up: JIT, connection
            }
            Map<String, Double> before = calls();
            long[] latencies = new long[scrapes];
            for (int i = 0; i < scrapes; i++) {
                long s = System.nanoTime();
                text = scrape(prometheus);
                latencies[i] = System.nanoTime() - s;
            }
            Map<String, Double> during = new TreeMap<>();
            calls().forEach((k, v) -> {
                double d = v - before.getOrDefault(k, 0.0);
                if (d > 0) {
                    during.put(k, d);
                }
            });
            double rawMs = p(raw, 50);
            double p95 = p(latencies, 95);
            out.add(0, String.format("GAUGES HTTP BENCH %s: %,d jobs in squeue -r (%,d of them the bench's held jobs), "
                            + "%,d counted by the gauges; scrape %,d bytes, %d series (all %d lab clusters); load %s", lab,
                    inSqueue, jobs, (long) jobsOf(lab.name(), text), text.length(),
                    text.lines().filter(l -> !l.startsWith("#")).count(), TestLab.present().size(), BenchLab.load()));
            out.add(String.format("  shared snapshot ready (gauges count the jobs) %.1f s after the last submission", snapshotSeconds));
            out.add(String.format("  raw slurmrestd job-list fetch (GET %s, HTTP + JSON), median of %d: %.1f ms", path, raw.length, rawMs));
            out.add(String.format("  scrape GET /api/v1/metrics over HTTP (bearer token), %d one after the other: p50 %.2f ms, "
                    + "p95 %.2f ms, max %.2f ms = p95 %.4fx raw (target p95 < 50 ms)", scrapes, p(latencies, 50), p95,
                    p(latencies, 100), p95 / rawMs));
            out.add(String.format("  slurmrestd calls during the %d scrapes (workbench.slurm.calls): %d%s", scrapes,
                    (long) during.values().stream().mapToDouble(Double::doubleValue).sum(), during.isEmpty() ? "" : " " + during));
        } finally {
            int left = BenchLab.cancel(lab, tag);
            out.add(String.format("  the bench's jobs cancelled: %d left in squeue -n %s", left, tag));
        }
        System.out.printf("%n%s%n%n", String.join("\n", out));
    }

    private static String scrape(TestHttp http) {
        TestHttp.Response r = http.get("/api/v1/metrics");
        if (r.status() != 200) {
            throw new AssertionError("scrape: HTTP " + r.status() + " " + r.body());
        }
        return r.body();
    }

    /** The jobs the gauges count on the cluster: slurm_partition_jobs of its default partition "cpu" (held jobs go there). */
    private static double jobsOf(String cluster, String text) {
        double sum = 0;
        for (String line : text.lines().toList()) {
            Matcher m = JOBS.matcher(line);
            if (m.matches() && m.group(1).equals(cluster) && line.contains("partition=\"cpu\"")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    /** Calls to slurmrestd so far, by cluster, method and endpoint. */
    private Map<String, Double> calls() {
        Map<String, Double> out = new TreeMap<>();
        for (Timer timer : meters.find("workbench.slurm.calls").timers()) {
            String key = timer.getId().getTag("cluster") + " " + timer.getId().getTag("method") + " " + timer.getId().getTag("endpoint");
            out.merge(key, (double) timer.count(), Double::sum);
        }
        return out;
    }

    private static double p(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return Percentiles.linear(i -> sorted[i], sorted.length, p / 100.0) / 1e6;
    }
}
