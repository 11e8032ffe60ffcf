package org.slurmworkbench.workbench.gauges.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.rest.ListBody;
import org.slurmworkbench.slurm.rest.RestTransport;
import org.slurmworkbench.slurm.v0040.V0040Reader;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.cluster.ClusterStatus;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.cluster.VisibleJobs;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.dashboard.Overview.NodeCell;
import org.slurmworkbench.workbench.dashboard.Overview.PartitionSummary;
import org.slurmworkbench.workbench.dashboard.Overview.Resources;
import org.slurmworkbench.workbench.scheduler.SchedulerReading;
import org.slurmworkbench.workbench.scheduler.SchedulerReadings;
import org.slurmworkbench.workbench.shared.Percentiles;
import org.slurmworkbench.workbench.submit.queue.QueueBenchMain;

/**
 * A scrape of the cluster gauges over N jobs (default 20,000: the REAL recorded 24.11 v0.0.42 pending and running job
 * records replicated with distinct ids, 400 users in 40 accounts, as the queue bench makes them), 200 nodes in four
 * partitions, a /diag reading. Measured: one raw job-list read of the same jobs without HTTP (streamed JSON parse into
 * records, as the app reads slurmrestd's answer: a lower bound of one slurmrestd fetch), counting a new list (once per list, in the background), a scrape right
 * after a new list (it is served the counts of the list before), a scrape of an unchanged list, and the warm scrape at 100 jobs. Every read the
 * scrapes make of ClusterJobs and SchedulerReadings is counted: a slurmrestd read is any call but lastRead/last.
 * Prints lines starting "GAUGES".
 */
final class GaugesBenchMain {

    static volatile List<Job> current;
    static final AtomicInteger reads = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        byte[] answer = answer(n);
        ApiVersion version = ApiVersion.parse("v0.0.42");
        long[] raw = new long[9];
        for (int i = 0; i < raw.length; i++) {
            long t = System.nanoTime();
            current = List.copyOf(ListBody.read(new ByteArrayInputStream(answer), "jobs", j -> V0040Reader.job(j, version)).items());
            raw[i] = System.nanoTime() - t;
        }
        List<Job> jobs = current;
        ClusterGauges gauges = gauges();
        String text = gauges.scrape();

        long[] count = new long[20];
        for (int i = 0; i < count.length; i++) {
            long t = System.nanoTime();
            JobCounts.of(jobs, 20);
            count[i] = System.nanoTime() - t;
        }
        long[] cold = new long[50];
        for (int i = 0; i < cold.length; i++) {
            current = new ArrayList<>(jobs); // a new list, as each renewal that finds changes gives
            long t = System.nanoTime();
            gauges.scrape();
            cold[i] = System.nanoTime() - t;
            Thread.sleep(300); // the count of the new list ends in the background before the next renewal
        }
        long[] warm = warm(gauges, rounds);
        current = QueueBenchMain.synthetic(100);
        gauges.scrape();
        long[] small = warm(gauges, rounds);

        double rawMs = p(raw, 50), coldP95 = p(cold, 95), warmP95 = p(warm, 95), countP95 = p(count, 95);
        System.out.printf("GAUGES %,d jobs (%d recorded records replicated, %d users, %d accounts), 200 nodes, 4 partitions; "
                + "scrape %,d bytes, %d series%n", n, QueueBenchMain.TEMPLATES, 400, 40, text.length(),
                text.lines().filter(l -> !l.startsWith("#")).count());
        System.out.printf("GAUGES raw job-list read (%,d bytes of JSON streamed into records, no HTTP), median of %d: %.1f ms%n",
                answer.length, raw.length, rawMs);
        System.out.printf("GAUGES counting a new list (once per list, in the background), x %d: p50 %.1f ms, p95 %.1f ms "
                + "= %.3fx raw%n", count.length, p(count, 50), countP95, countP95 / rawMs);
        System.out.printf("GAUGES scrape right after a new list (served the counts before while it is counted), x %d: "
                + "p50 %.3f ms, p95 %.3f ms = %.4fx raw (target p95 < 50 ms)%n", cold.length, p(cold, 50), coldP95, coldP95 / rawMs);
        System.out.printf("GAUGES scrape, unchanged list (every scrape between renewals), x %d: p50 %.3f ms, p95 %.3f ms "
                + "= %.4fx raw (target p95 < 50 ms)%n", rounds, p(warm, 50), warmP95, warmP95 / rawMs);
        System.out.printf("GAUGES the same at 100 jobs: p50 %.3f ms, p95 %.3f ms (%,d jobs / 100 jobs p95 = %.2fx)%n",
                p(small, 50), p(small, 95), n, warmP95 / p(small, 95));
        System.out.printf("GAUGES slurmrestd reads made by %d scrapes: %d%n", 2 + cold.length + 2 * rounds, reads.get());
    }

    /** slurmrestd's answer for n jobs, written 1,000 jobs at a time (a tree of all would not fit the heap). */
    private static byte[] answer(int n) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("{\"jobs\":[".getBytes(StandardCharsets.UTF_8));
        for (int from = 0; from < n; from += 1000) {
            boolean first = from == 0;
            for (var j : QueueBenchMain.body(from, Math.min(n, from + 1000)).path("jobs")) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.write(RestTransport.JSON.writeValueAsBytes(j));
            }
        }
        out.write("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static long[] warm(ClusterGauges gauges, int rounds) {
        long[] out = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            gauges.scrape();
            out[i] = System.nanoTime() - t;
        }
        return out;
    }

    private static double p(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return Percentiles.linear(i -> sorted[i], sorted.length, p / 100.0) / 1e6;
    }

    static ClusterGauges gauges() {
        Overview overview = overview();
        ClusterJobs jobs = new ClusterJobs() {
            @Override
            public List<Job> jobs(String cluster) {
                reads.incrementAndGet();
                return current;
            }

            @Override
            public List<Job> lastRead(String cluster) {
                return current;
            }
        };
        SchedulerReading reading = new SchedulerReading("bench", Instant.now(), false, null, "24.11", "v0.0.42",
                new Diag(Instant.now(), Instant.now(), 3, 0, 100, 90, 80, 5, 1, 20_000, 3_000, 1200, 900, 45_000, 1440,
                        380_000, 250_000, 48, 12, new Diag.Main(40L, 1L, 20_000L, 57_600L),
                        new Diag.Backfill(1_200_000L, 20_000L, 2_000L, 15_000L, 20_000L, 12L, Instant.now(), false),
                        new Diag.Agents(0L, 0L, 0L), List.of(), List.of()));
        SchedulerReadings schedulers = new SchedulerReadings() {
            @Override
            public SchedulerReading reading(String cluster) {
                reads.incrementAndGet();
                return reading;
            }

            @Override
            public SchedulerReading last(String cluster) {
                return reading;
            }
        };
        return new ClusterGauges(new OneCluster(), cluster -> overview, jobs, schedulers, new GaugesProperties(20, null));
    }

    /** 200 nodes of 64 CPUs, 4 GPUs on the last 40, in four partitions (all, cpu, gpu, debug). */
    static Overview overview() {
        List<NodeCell> nodes = new ArrayList<>();
        Map<String, Resources> cpus = new LinkedHashMap<>();
        Map<String, Integer> states = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            boolean gpu = i >= 160;
            List<String> partitions = i < 8 ? List.of("all", "cpu", "debug") : List.of("all", gpu ? "gpu" : "cpu");
            String state = i % 10 == 0 ? "idle" : i % 10 < 6 ? "allocated" : "mixed";
            states.merge(state, 1, Integer::sum);
            int allocated = state.equals("idle") ? 0 : state.equals("mixed") ? 32 : 64;
            nodes.add(new NodeCell("n" + i, state, List.of(), 64, allocated, gpu ? 4 : 0, gpu ? allocated / 16 : 0, 256_000,
                    allocated * 4000L, partitions, null, List.of(), List.of()));
            for (String p : partitions) {
                cpus.merge(p, new Resources(64, allocated, 64 - allocated, 0), Resources::plus);
            }
        }
        List<PartitionSummary> parts = cpus.entrySet().stream().map(e -> new PartitionSummary(e.getKey(), e.getKey().equals("all"),
                "UP", (int) (e.getValue().total() / 64), e.getValue(), Resources.ZERO, 0, 0, null, null, null, List.of(), List.of(), null))
                .toList();
        return new Overview("bench", Instant.now(), false, 0L, null, states, Resources.ZERO, Resources.ZERO,
                new Overview.Memory(0, 0), new Overview.Jobs(0, 0, 0, Map.of()), parts,
                new Overview.Top(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()), nodes, List.of());
    }

    /** One cluster, "bench"; anything that would reach slurmrestd fails the bench. */
    static final class OneCluster implements Clusters {
        @Override
        public List<String> names() {
            return List.of("bench");
        }

        @Override
        public List<ClusterStatus> statuses() {
            throw new UnsupportedOperationException("a scrape asked for cluster statuses");
        }

        @Override
        public ClusterStatus status(String cluster) {
            throw new UnsupportedOperationException("a scrape asked for a cluster status");
        }

        @Override
        public SlurmApi as(String cluster, String slurmUser) {
            throw new UnsupportedOperationException("a scrape called slurmrestd");
        }

        @Override
        public VisibleJobs visibleJobs(String cluster) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SlurmApi asServiceUser(String cluster) {
            throw new UnsupportedOperationException("a scrape called slurmrestd");
        }
    }

    private GaugesBenchMain() {
    }
}
