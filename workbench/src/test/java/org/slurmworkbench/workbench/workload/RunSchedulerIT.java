package org.slurmworkbench.workbench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestPlans;
import org.slurmworkbench.workbench.scheduler.Sdiag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A small run on one release of each API family (22.05: v0.0.38, 26.05: v0.0.45), both at once: what it recorded of
 * the scheduler lies between two {@code sdiag} readings taken before and after it, what it recorded of the cluster
 * equals {@code scontrol show partition/node}, the comparison of the two runs shows the settings that differ (and
 * says plainly that 22.05 does not offer its configuration), and a repeat makes a new run of the same plan and seed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "workbench.workload.diag-step=5s")
class RunSchedulerIT {

    static final int JOBS = 6;
    static final List<String> RELEASES = List.of("22.05", "26.05");

    @LocalServerPort
    int port;

    @Test
    void aRunRecordsTheSchedulerAndTheClusterAndComparesThem() {
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        Map<String, String> runs = new ConcurrentHashMap<>();
        List<LabCluster> labs = TestLab.present().stream().filter(l -> RELEASES.contains(l.series())).toList();
        assertThat(labs).as("the lab has 22.05 and 26.05").hasSize(2);
        List<Thread> threads = labs.stream().map(lab -> Thread.ofVirtual().start(() -> runs.put(lab.series(), runOn(admin, lab))))
                .toList();
        threads.forEach(t -> {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(runs).as("a run passed on each release (see the output for the failures)").containsOnlyKeys(RELEASES);

        TestHttp.Response compared = admin.get("/api/v1/workloads/compare?a=" + runs.get("22.05") + "&b=" + runs.get("26.05"));
        assertThat(compared.status()).as(compared.body()).isEqualTo(200);
        Map<String, JsonNode> settings = new HashMap<>();
        compared.json().path("settings").forEach(s -> settings.put(s.path("setting").asString(), s));
        assertThat(settings.get("release").path("a").asString()).startsWith("22.05");
        assertThat(settings.get("release").path("b").asString()).startsWith("26.05");
        assertThat(settings.get("apiVersion").path("a").asString()).isEqualTo("v0.0.38");
        assertThat(settings.get("conf.SchedulerType").path("a").isNull()).as("22.05 offers no configuration").isTrue();
        assertThat(settings.get("conf.SchedulerType").path("b").asString()).startsWith("sched/");
        assertThat(compared.json().path("settingsNotes").toString()).contains("22.05").contains("does not offer its configuration");
        assertThat(compared.json().path("scheduler").size()).isGreaterThan(5);
        assertThat(compared.json().path("scheduler").get(0).path("metric").asString()).isEqualTo("mainCycles");

        for (String lang : List.of("en", "zh")) {
            TestHttp.Response page = admin.get("/workloads/compare?a=" + runs.get("22.05") + "&b=" + runs.get("26.05")
                    + "&lang=" + lang);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"settings-table\"").contains("conf.SchedulerType")
                    .contains("id=\"scheduler-compare-table\"").contains("no-config");
            assertThat(page.body().indexOf("settings-table")).as("settings before results")
                    .isLessThan(page.body().indexOf("compare-table\""));
        }

        // a repeat: same plan and seed, a new run not started
        String first = runs.get("26.05");
        TestHttp.Response repeated = admin.postJson("/api/v1/workloads/runs/" + first + "/repeat", "");
        assertThat(repeated.status()).as(repeated.body()).isEqualTo(201);
        JsonNode again = repeated.json().path("run");
        JsonNode original = admin.get("/api/v1/workloads/runs/" + first).json().path("run");
        assertThat(again.path("id").asString()).isNotEqualTo(first);
        assertThat(again.path("state").asString()).isEqualTo("CREATED");
        for (String field : List.of("seed", "cluster", "source", "concurrency", "rateLimit", "parameters")) {
            assertThat(again.path(field)).as(field).isEqualTo(original.path(field));
        }
        assertThat(repeated.json().path("progress").path("planned").asLong()).isEqualTo(JOBS);
        assertThat(admin.postJson("/api/v1/workloads/runs/" + again.path("id").asString() + "/cancel", "").status())
                .isEqualTo(200);
        assertThat(admin.postJson("/api/v1/workloads/runs/nosuchrun1/repeat", "").status()).isEqualTo(404);
    }

    private String runOn(TestHttp admin, LabCluster lab) {
        try {
            return checkedRunOn(admin, lab);
        } catch (Throwable e) {
            System.out.println(lab + ": " + e);
            e.printStackTrace(System.out);
            throw e;
        }
    }

    private String checkedRunOn(TestHttp admin, LabCluster lab) {
        Sdiag before = Sdiag.read(lab);
        // the run's first reading comes from the app's shared one, which may be up to 5 s old: let that pass
        sleep(6000);
        TestHttp.Response created = admin.postJson("/api/v1/workloads/runs",
                TestPlans.request(lab.name(), 7, JOBS, 1, 2, 2, 4, 4, 4));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("run").path("id").asString();
        assertThat(admin.postJson("/api/v1/workloads/runs/" + id + "/start", "").status()).isEqualTo(200);
        WorkloadRunIT.await(admin, "/api/v1/workloads/runs/" + id, r -> r.path("run").path("state").asString().equals("DONE"),
                Duration.ofMinutes(3));
        JsonNode analysis = WorkloadRunIT.await(admin, "/api/v1/workloads/runs/" + id + "/analysis",
                a -> a.path("scheduler").path("ended").asBoolean(), Duration.ofMinutes(3));
        Sdiag after = Sdiag.read(lab);
        JsonNode s = analysis.path("scheduler");
        assertThat(before.get("data since")).as("%s: no statistics reset during the run", lab).isEqualTo(after.get("data since"));

        // what the scheduler did during the run lies within what sdiag saw grow around it
        assertThat(s.path("readings").asInt()).as("%s: start, steps, end", lab).isGreaterThanOrEqualTo(2);
        assertThat(s.path("jobsStarted").asLong()).as("%s: jobs started", lab)
                .isBetween((long) JOBS, after.get("general|Jobs started") - before.get("general|Jobs started"));
        assertThat(s.path("jobsStartedByBackfill").asLong() + s.path("jobsStartedByMain").asLong())
                .isEqualTo(s.path("jobsStarted").asLong());
        assertThat(s.path("jobsStartedByBackfill").asLong()).as("%s: backfill starts", lab).isBetween(0L,
                after.get("backfill|Total backfilled jobs (since last stats cycle start)")
                        - before.get("backfill|Total backfilled jobs (since last stats cycle start)"));
        assertThat(s.path("mainCycles").asLong()).as("%s: main cycles", lab)
                .isBetween(1L, after.get("main|Total cycles") - before.get("main|Total cycles"));
        assertThat(s.path("backfillCycles").asLong()).as("%s: backfill cycles", lab)
                .isBetween(0L, after.get("backfill|Total cycles") - before.get("backfill|Total cycles"));
        assertThat(s.path("rpcs").asLong()).as("%s: RPCs", lab).isBetween(1L, after.rpcs() - before.rpcs());
        assertThat(s.path("mainMaxMicros").asLong()).as("%s: main max cycle", lab)
                .isBetween(0L, after.get("main|Max cycle"));
        assertThat(s.path("mainMeanMicros").asLong()).isLessThanOrEqualTo(s.path("mainMaxMicros").asLong() + 1);
        assertThat(s.path("rpcsPerSecond").asDouble()).isPositive();

        // the cluster it ran on, as scontrol shows it
        JsonNode f = analysis.path("clusterFacts");
        assertThat(f.path("release").asString()).startsWith(lab.series());
        assertThat(f.path("apiVersion").asString()).isEqualTo(TestLab.API_VERSION.get(lab.series()));
        List<Map<String, String>> nodes = scontrol(lab, "node");
        assertThat(f.path("nodes").asInt()).isEqualTo(nodes.size());
        assertThat(f.path("cpus").asLong()).isEqualTo(nodes.stream().mapToLong(n -> Long.parseLong(n.get("CPUTot"))).sum());
        assertThat(f.path("memoryMb").asLong()).isEqualTo(nodes.stream().mapToLong(n -> Long.parseLong(n.get("RealMemory"))).sum());
        List<Map<String, String>> partitions = scontrol(lab, "partition");
        assertThat(f.path("partitions").size()).isEqualTo(partitions.size());
        for (Map<String, String> p : partitions) {
            JsonNode recorded = null;
            for (JsonNode r : f.path("partitions")) {
                if (r.path("name").asString().equals(p.get("PartitionName"))) {
                    recorded = r;
                }
            }
            assertThat(recorded).as("%s: partition %s recorded", lab, p.get("PartitionName")).isNotNull();
            assertThat(recorded.path("nodes").asString()).isEqualTo(p.get("TotalNodes"));
            assertThat(recorded.path("cpus").asString()).isEqualTo(p.get("TotalCPUs"));
            String maxTime = p.get("MaxTime");
            if ("UNLIMITED".equals(maxTime)) {
                assertThat(recorded.path("maxTimeMinutes").isNull()).as("%s: %s unlimited", lab, p).isTrue();
            } else {
                assertThat(recorded.path("maxTimeMinutes").asInt()).isEqualTo(minutes(maxTime));
            }
        }
        assertThat(f.path("qos").size()).isPositive();
        if (lab.series().equals("26.05")) {
            String config = LabShell.run(lab, "scontrol", "show", "config");
            for (String key : List.of("SchedulerType", "SelectType", "PriorityType")) {
                assertThat(config).as("%s: %s", lab, key).containsPattern("(?m)^" + key + "\\s*=\\s*"
                        + java.util.regex.Pattern.quote(f.path("schedulerConfig").path(key).asString()) + "\\s*$");
            }
            assertThat(f.path("configNotOffered").isNull()).isTrue();
        } else {
            assertThat(f.path("schedulerConfig").isNull()).isTrue();
            assertThat(f.path("configNotOffered").asString()).contains("does not offer its configuration");
        }
        return id;
    }

    /** {@code scontrol show -o KIND}: one map of KEY=value per line. */
    private static List<Map<String, String>> scontrol(LabCluster lab, String kind) {
        return LabShell.lines(lab, "scontrol", "show", "-o", kind).stream().filter(l -> !l.isBlank()).map(l -> {
            Map<String, String> m = new HashMap<>();
            for (String kv : l.trim().split("\\s+")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.putIfAbsent(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            return m;
        }).toList();
    }

    /** Slurm's time limit (minutes, H:MM:SS, D-HH:MM:SS) in minutes. */
    private static int minutes(String t) {
        int days = 0;
        if (t.contains("-")) {
            days = Integer.parseInt(t.substring(0, t.indexOf('-')));
            t = t.substring(t.indexOf('-') + 1);
        }
        String[] p = t.split(":");
        int h = p.length == 3 ? Integer.parseInt(p[0]) : 0;
        int m = Integer.parseInt(p[p.length == 3 ? 1 : 0]);
        return days * 1440 + h * 60 + m;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
