package org.slurmworkbench.workbench.gauges;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.dashboard.SlurmSays;
import org.slurmworkbench.workbench.dashboard.SlurmSays.JobLine;
import org.slurmworkbench.workbench.dashboard.SlurmSays.NodeLine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The cluster gauges equal what {@code sinfo -N} and {@code squeue -r} say on the same lab state, on every release: a
 * few held jobs of alice, bob and carol (one a held array) and a running one are submitted, then the scrape is
 * compared with the commands' counts taken right before and after it (equal snapshots: nothing moved in between),
 * polled while the shared snapshots (a few seconds old) catch up. Also: a burst of scrapes costs slurmrestd (next to)
 * nothing, and the exposition is well formed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"workbench.metrics.token=" + GaugesIT.TOKEN, "workbench.dashboard.ttl=2s"})
class GaugesIT {

    static final String TOKEN = "gauges-it-token-4f9a";
    static final String RUN = "wbg-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final double MIB = 1024.0 * 1024.0;

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    @Test
    void gaugesEqualSinfoAndSqueueOnEveryRelease() throws InterruptedException {
        TestHttp prometheus = new TestHttp(port).bearer(TOKEN);
        TestLab.onEveryReleaseAtOnce(lab -> check(lab, prometheus));
    }

    private void check(LabCluster lab, TestHttp prometheus) {
        String tag = RUN + "-" + lab.series().replace(".", "");
        List<String> ids = new ArrayList<>();
        try {
            ids.add(LabShell.sbatch(lab, "alice", tag + "-one", "-H"));
            ids.add(LabShell.sbatch(lab, "bob", tag + "-two", "-H"));
            ids.add(LabShell.sbatch(lab, "carol", tag + "-three", "-H"));
            ids.add(LabShell.sbatch(lab, "alice", tag + "-arr", "-H", "-a", "1-3"));
            String running = LabShell.sbatch(lab, "carol", tag + "-run", "-c", "2");
            ids.add(running);
            awaitRunning(lab, running);

            Map<String, Double> expected = Map.of();
            Map<String, Double> gauges = Map.of();
            int attempts = 0;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60)); // the shared snapshots are a few seconds old
            while (Instant.now().isBefore(deadline)) {
                attempts++;
                SlurmSays before = SlurmSays.now(lab);
                String text = scrape(prometheus);
                SlurmSays after = SlurmSays.now(lab);
                expected = expected(lab.name(), before);
                gauges = compared(lab.name(), text);
                if (before.equals(after) && expected.equals(gauges)) {
                    break;
                }
                sleep(1000);
            }
            assertThat(gauges).as("%s: gauges against sinfo -N / squeue -r", lab).isEqualTo(expected);
            // what this test put there shows through
            assertThat(gauges.get("slurm_jobs_pending{reason=JobHeldUser}")).as("%s: held jobs", lab).isGreaterThanOrEqualTo(6);
            assertThat(gauges.get("slurm_user_running_cpus{user=carol}")).as("%s: carol runs", lab).isGreaterThanOrEqualTo(2);
            System.out.printf("GaugesIT %s: equal to sinfo/squeue after %d scrape(s): %d series%n", lab, attempts, gauges.size());

            String text = scrape(prometheus);
            Map<String, Double> all = parse(lab.name(), text, s -> true);
            assertThat(all).as("%s: the scheduler's cycles", lab).containsKey("slurm_scheduler_cycles{scheduler=main}")
                    .containsKey("slurm_scheduler_cycle_last_seconds{scheduler=backfill}")
                    .containsKey("slurm_scheduler_cycle_mean_seconds{scheduler=main}");
            long sdiagCycles = Long.parseLong(LabShell.lines(lab, "sdiag").stream().filter(l -> l.strip().startsWith("Total cycles:"))
                    .findFirst().orElseThrow().replaceAll("\\D", ""));
            assertThat(all.get("slurm_scheduler_cycles{scheduler=main}")).as("%s: cycles up to sdiag's", lab)
                    .isBetween(0.0, (double) sdiagCycles);
            assertThat(all.get("slurm_up{}")).isEqualTo(1.0);
        } finally {
            if (!ids.isEmpty()) {
                List<String> cmd = new ArrayList<>(List.of("scancel"));
                cmd.addAll(ids);
                LabShell.run(lab, cmd.toArray(String[]::new));
            }
        }
    }

    @Test
    void aBurstOfScrapesCostsSlurmrestdNothingOfItsOwn() {
        TestHttp prometheus = new TestHttp(port).bearer(TOKEN);
        scrape(prometheus); // the snapshots exist
        double before = calls();
        long t = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            scrape(prometheus);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        // at most the shared snapshots' own renewals in those seconds (overview every 2 s here: 4-5 reads per cluster)
        double allowed = TestLab.present().size() * 6 * (1 + Math.ceil(seconds / 2)) + 3;
        assertThat(calls() - before).as("slurmrestd calls during 50 scrapes in %.1f s", seconds).isLessThanOrEqualTo(allowed)
                .isLessThan(50);
    }

    @Test
    void theExpositionIsWellFormed() {
        TestHttp.Response r = new TestHttp(port).basic("admin", "admin-test-password").get("/api/v1/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
        List<String> names = new ArrayList<>();
        for (String line : r.body().lines().toList()) {
            if (line.startsWith("# TYPE ")) {
                String name = line.split(" ")[2];
                assertThat(names).as("each family once").doesNotContain(name);
                names.add(name);
                assertThat(line).endsWith(" gauge");
            } else if (!line.startsWith("# HELP ")) {
                assertThat(line).as("a sample").matches(SAMPLE);
                assertThat(line.split(" ")[0]).startsWith(names.getLast());
            }
        }
        assertThat(names).contains("slurm_nodes", "slurm_partition_cpus_total", "slurm_partition_jobs", "slurm_jobs_pending",
                "slurm_user_running_cpus", "slurm_account_running_gpus", "slurm_scheduler_cycle_last_seconds");
    }

    private double calls() {
        return meters.find("workbench.slurm.calls").timers().stream().mapToDouble(Timer::count).sum();
    }

    private static String scrape(TestHttp http) {
        TestHttp.Response r = http.get("/api/v1/metrics");
        assertThat(r.status()).as("scrape: %s", r.body()).isEqualTo(200);
        return r.body();
    }

    /** What the gauges compared must be, from sinfo -N (nodes deduplicated) and squeue -r (tasks one by one). */
    static Map<String, Double> expected(String cluster, SlurmSays s) {
        Map<String, Double> e = new TreeMap<>();
        for (NodeLine n : s.nodes().values()) {
            e.merge("slurm_nodes{state=" + n.state() + "}", 1.0, Double::sum);
            for (String p : n.partitions().split(",")) {
                String l = "{partition=" + p + "}";
                e.merge("slurm_partition_nodes" + l, 1.0, Double::sum);
                e.merge("slurm_partition_cpus_total" + l, (double) n.totalCpus(), Double::sum);
                e.merge("slurm_partition_cpus_allocated" + l, (double) n.allocCpus(), Double::sum);
                e.merge("slurm_partition_cpus_idle" + l, (double) n.idleCpus(), Double::sum);
                e.merge("slurm_partition_cpus_other" + l, (double) n.otherCpus(), Double::sum);
                e.merge("slurm_partition_gpus_total" + l, (double) n.gpus(), Double::sum);
                e.merge("slurm_partition_gpus_allocated" + l, (double) n.usedGpus(), Double::sum);
                e.merge("slurm_partition_memory_total_bytes" + l, n.memoryMb() * MIB, Double::sum);
            }
        }
        for (JobLine j : s.jobs()) {
            for (String p : j.partitions()) {
                e.merge("slurm_partition_jobs{partition=" + p + ",state=" + j.state() + "}", 1.0, Double::sum);
            }
            if (j.state().equals("PENDING")) {
                e.merge("slurm_jobs_pending{reason=" + j.reason() + "}", 1.0, Double::sum);
            } else if (j.state().equals("RUNNING")) {
                e.merge("slurm_user_running_cpus{user=" + j.user() + "}", (double) j.cpus(), Double::sum);
                e.merge("slurm_account_running_cpus{account=" + j.account() + "}", (double) j.cpus(), Double::sum);
            }
        }
        return e;
    }

    /** The scraped samples of the cluster that {@link #expected} has an answer for. */
    static Map<String, Double> compared(String cluster, String text) {
        return parse(cluster, text, name -> name.startsWith("slurm_nodes") || name.startsWith("slurm_partition_")
                && !name.startsWith("slurm_partition_memory_allocated") || name.startsWith("slurm_jobs_pending")
                || name.startsWith("slurm_user_running_cpus") || name.startsWith("slurm_account_running_cpus"));
    }

    /** name{label=value,...} without the cluster label -> value, for the samples of {@code cluster}. */
    static Map<String, Double> parse(String cluster, String text, Predicate<String> names) {
        Map<String, Double> out = new TreeMap<>();
        for (String line : text.lines().toList()) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches() || !names.test(m.group(1))) {
                continue;
            }
            Matcher l = LABEL.matcher(m.group(2));
            List<String> labels = new ArrayList<>();
            boolean ours = false;
            while (l.find()) {
                if (l.group(1).equals("cluster")) {
                    ours = l.group(2).equals(cluster);
                } else {
                    labels.add(l.group(1) + "=" + l.group(2));
                }
            }
            if (ours) {
                out.put(m.group(1) + "{" + String.join(",", labels) + "}", Double.parseDouble(m.group(3)));
            }
        }
        return out;
    }

    private static void awaitRunning(LabCluster lab, String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            List<String> state = LabShell.lines(lab, "squeue", "-h", "-j", id, "-o", "%T");
            if (!state.isEmpty() && state.getFirst().equals("RUNNING")) {
                return;
            }
            sleep(1000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
