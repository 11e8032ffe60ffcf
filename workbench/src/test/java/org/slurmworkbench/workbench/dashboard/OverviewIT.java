package org.slurmworkbench.workbench.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.dashboard.SlurmSays.JobLine;
import org.slurmworkbench.workbench.dashboard.SlurmSays.NodeLine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/clusters/{cluster}/overview} on every lab release, with the cluster put into a known state
 * (a CPU job and a GPU job running, a held job and a held 10-task array pending, node c2 drained), checked number
 * by number against sinfo and squeue -r taken right before and after the read (retried while foreign jobs move).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OverviewIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestHttp user;

    @BeforeEach
    void setUp() {
        user = new TestHttp(port).basic("admin", "admin-test-password");
    }

    static Stream<Named<LabCluster>> labClusters() {
        return TestLab.present().stream().map(c -> Named.of(c.toString(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void everyNumberMatchesSinfoAndSqueue(LabCluster lab) throws Exception {
        SlurmClient client = lab.client();
        String tag = "wbdash-" + lab.series() + "-" + Long.toString(System.nanoTime(), 36);
        List<Long> mine = new ArrayList<>();
        SlurmApi alice = client.as("alice");
        SlurmApi carol = client.as("carol");
        SlurmApi bob = client.as("bob");
        try {
            long cpuJob = alice.submit(job(tag + "-cpu").partition("cpu").tasks(1).cpusPerTask(4).build()).jobId();
            mine.add(cpuJob);
            long gpuJob = carol.submit(job(tag + "-gpu").partition("gpu").qos(lab.gpuQos()).gpusPerNode(2).build()).jobId();
            mine.add(gpuJob);
            long held = bob.submit(job(tag + "-held").hold(true).build()).jobId();
            mine.add(held);
            long heldArray = alice.submit(job(tag + "-array").array("0-9%2").hold(true).build()).jobId();
            mine.add(heldArray);
            LabShell.run(lab, "scontrol", "update", "nodename=c2", "state=drain", "reason=" + tag);
            awaitRunning(lab, cpuJob, gpuJob);

            Compared c = compare(lab);

            // The known state shows through, beyond matching Slurm's own view.
            JsonNode o = c.overview();
            assertThat(o.path("jobs").path("pendingByReason").path("JobHeldUser").asLong()).isGreaterThanOrEqualTo(11);
            assertThat(node(o, "c2").path("state").asString()).isIn("drained", "draining");
            assertThat(node(o, "c2").path("reason").asString()).isEqualTo(tag);
            assertThat(jobIdsOn(o)).containsKey(String.valueOf(cpuJob)).containsKey(String.valueOf(gpuJob));
            assertThat(ranked(o.path("top").path("usersByRunningGpus"))).containsKey("carol");
            assertThat(ranked(o.path("top").path("usersByRunningGpus")).get("carol")).isGreaterThanOrEqualTo(2);
            assertThat(ranked(o.path("top").path("usersByPendingJobs")).get("alice")).isGreaterThanOrEqualTo(10);
            assertThat(o.toString()).doesNotContain("#!/bin/bash").doesNotContain("sleep 600");
            System.out.printf("OverviewIT %s: matched sinfo/squeue after %d read(s): nodes %s, CPUs %s, GPUs %s, running %d, "
                            + "pending %d (by reason %s), squeue -r lines %d%n", lab, c.attempts(), o.path("nodeStates"),
                    o.path("cpus"), o.path("gpus"), o.path("jobs").path("running").asLong(),
                    o.path("jobs").path("pending").asLong(), o.path("jobs").path("pendingByReason"), c.slurm().jobs().size());
        } finally {
            for (long id : mine) {
                try {
                    client.as(lab.adminUser()).cancel(id);
                } catch (RuntimeException e) {
                    // already gone
                }
            }
            LabShell.run(lab, "scontrol", "update", "nodename=c2", "state=resume");
        }
    }

    @Test
    void anUnreachableClusterAnswers200StaleWithoutDataAndAnUnknownOneIsAProblem() {
        TestHttp.Response dead = user.get("/api/v1/clusters/dead/overview");
        assertThat(dead.status()).isEqualTo(200);
        assertThat(dead.json().path("stale").asBoolean()).isTrue();
        assertThat(dead.json().has("fetchedAt")).isFalse();
        assertThat(dead.json().path("error").asString()).isNotBlank();

        TestHttp.Response unknown = user.get("/api/v1/clusters/no-such-cluster/overview");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().path("detail").asString()).contains("no-such-cluster");

        assertThat(new TestHttp(port).get("/api/v1/clusters/dead/overview").status()).isEqualTo(401);
        assertThat(user.get("/v3/api-docs").json().path("paths").has("/api/v1/clusters/{cluster}/overview")).isTrue();
    }

    /**
     * The served JSON carries a digest ETag; asked again with it, an unchanged answer is 304 without a body. Its
     * ageSeconds changes every second, so a pair of requests may straddle a change (then both are sent whole): tried
     * a few times.
     */
    @Test
    void theOverviewCarriesAnETagAndAnUnchangedOneIsNotSentAgain() {
        String path = "/api/v1/clusters/" + TestLab.present().getFirst().name() + "/overview";
        int notModified = 0;
        for (int i = 0; i < 10 && notModified == 0; i++) {
            TestHttp.Response first = user.get(path);
            assertThat(first.status()).isEqualTo(200);
            String etag = first.header("ETag");
            assertThat(etag).matches("\"[0-9a-f]{32}\"");
            assertThat(first.header("Cache-Control")).contains("no-cache").doesNotContain("no-store");
            TestHttp.Response again = user.get(path, "If-None-Match", etag);
            if (again.status() == 304) {
                notModified++;
                assertThat(again.body()).isEmpty();
                assertThat(again.header("ETag")).isEqualTo(etag);
            } else {
                assertThat(again.status()).isEqualTo(200);
                assertThat(again.header("ETag")).isNotEqualTo(etag);
                assertThat(again.body()).isNotEqualTo(first.body()); // a new age or a new fetch
            }
        }
        assertThat(notModified).as("a 304 in 10 tries").isEqualTo(1);
        assertThat(user.get(path, "If-None-Match", "\"0\"").status()).isEqualTo(200);
    }

    @Test
    void theDashboardCardsRenderInBothLanguages() {
        TestHttp page = new TestHttp(port);
        page.formLogin("admin", "admin-test-password");
        for (String lang : new String[] {"en", "zh"}) {
            TestHttp.Response r = page.get("/fragments/overviews?lang=" + lang);
            assertThat(r.status()).as("cards in %s: %s", lang, r.body()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("??").doesNotContain("<html").contains("id=\"overview-dead\"");
            for (LabCluster lab : TestLab.present()) {
                assertThat(r.body()).contains("id=\"grid-" + lab.name() + "\"").contains("id=\"partitions-" + lab.name() + "\"")
                        .contains(lang.equals("zh") ? "节点网格" : "Node grid");
            }
        }
        assertThat(page.get("/?lang=en").body()).contains("hx-get=\"/fragments/overviews\"").contains("echarts.min.js");
    }

    @Test
    void anyLoggedInUserSeesTheOverview() {
        LabCluster lab = TestLab.present().getFirst();
        TestHttp plain = new TestHttp(port);
        String name = "dash-" + Long.toString(System.nanoTime(), 36);
        user.postJson("/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"a-good-password\",\"role\":\"USER\",\"slurmUser\":\"bob\"}");
        try {
            TestHttp.Response r = plain.basic(name, "a-good-password").get("/api/v1/clusters/" + lab.name() + "/overview");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("cluster").asString()).isEqualTo(lab.name());
        } finally {
            jdbc.sql("DELETE FROM users WHERE username = ?").param(name).update();
        }
    }

    private static JobSubmission.Builder job(String name) {
        return JobSubmission.builder("#!/bin/bash\nsleep 600\n").name(name).timeLimitMinutes(15).workDir("/tmp")
                .standardOutput("/dev/null");
    }

    private static void awaitRunning(LabCluster lab, long... ids) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        String list = Stream.of(ids).flatMapToLong(java.util.Arrays::stream).mapToObj(String::valueOf).collect(Collectors.joining(","));
        while (Instant.now().isBefore(deadline)) {
            List<String> states = LabShell.lines(lab, "squeue", "-h", "-j", list, "-o", "%T");
            if (states.size() == ids.length && states.stream().allMatch("RUNNING"::equals)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("jobs " + list + " did not start on " + lab);
    }

    record Compared(JsonNode overview, SlurmSays slurm, int attempts) {
    }

    /** Reads the overview between two equal Slurm snapshots (so the numbers can be compared), then compares them. */
    private Compared compare(LabCluster lab) throws InterruptedException {
        AssertionError last = null;
        String why = "";
        for (int attempt = 1; attempt <= 20; attempt++) {
            Instant before = Instant.now();
            SlurmSays a = SlurmSays.now(lab);
            // The cache answers at once and renews in the background: ask until a read newer than snapshot a lands.
            JsonNode o = user.get("/api/v1/clusters/" + lab.name() + "/overview").json();
            for (int i = 0; i < 40 && !readAfter(o, before); i++) {
                Thread.sleep(250);
                o = user.get("/api/v1/clusters/" + lab.name() + "/overview").json();
            }
            SlurmSays b = SlurmSays.now(lab);
            boolean fresh = readAfter(o, before);
            why = "fresh=" + fresh + " (fetchedAt " + o.path("fetchedAt") + ", stale " + o.path("stale") + ", error "
                    + o.path("error") + "), unchanged=" + a.equals(b);
            if (fresh && a.equals(b)) {
                try {
                    check(o, a);
                    return new Compared(o, a, attempt);
                } catch (AssertionError e) {
                    last = e; // a change slipped between the snapshots: try again
                }
            }
            Thread.sleep(Duration.ofMillis(700));
        }
        throw last != null ? last : new AssertionError("no stable moment to compare on " + lab + ": " + why);
    }

    private static boolean readAfter(JsonNode o, Instant t) {
        return o.has("fetchedAt") && !Instant.parse(o.path("fetchedAt").asString()).isBefore(t);
    }

    private static void check(JsonNode o, SlurmSays s) {
        assertThat(o.path("stale").asBoolean()).isFalse();
        // nodes
        Map<String, Long> states = new TreeMap<>();
        s.nodes().values().forEach(n -> states.merge(n.state(), 1L, Long::sum));
        assertThat(new TreeMap<>(ranked(o.path("nodeStates")))).as("nodes by state").isEqualTo(states);
        long alloc = 0, idle = 0, other = 0, total = 0, gpus = 0, usedGpus = 0, memory = 0;
        for (Map.Entry<String, NodeLine> e : s.nodes().entrySet()) {
            NodeLine n = e.getValue();
            JsonNode cell = node(o, e.getKey());
            assertThat(cell.path("state").asString()).as("state of %s", e.getKey()).isEqualTo(n.state());
            assertThat(cell.path("allocatedCpus").asLong()).as("CPUs allocated on %s", e.getKey()).isEqualTo(n.allocCpus());
            assertThat(cell.path("cpus").asLong()).as("CPUs of %s", e.getKey()).isEqualTo(n.totalCpus());
            assertThat(cell.path("gpus").asLong()).as("GPUs of %s", e.getKey()).isEqualTo(n.gpus());
            assertThat(cell.path("allocatedGpus").asLong()).as("GPUs used on %s", e.getKey()).isEqualTo(n.usedGpus());
            assertThat(cell.path("memoryMb").asLong()).as("memory of %s", e.getKey()).isEqualTo(n.memoryMb());
            alloc += n.allocCpus(); idle += n.idleCpus(); other += n.otherCpus(); total += n.totalCpus();
            gpus += n.gpus(); usedGpus += n.usedGpus(); memory += n.memoryMb();
        }
        assertThat(o.path("nodes").size()).isEqualTo(s.nodes().size());
        assertThat(List.of(o.path("cpus").path("allocated").asLong(), o.path("cpus").path("idle").asLong(),
                o.path("cpus").path("unavailable").asLong(), o.path("cpus").path("total").asLong()))
                .as("CPUs A/I/O/T").containsExactly(alloc, idle, other, total);
        assertThat(o.path("gpus").path("total").asLong()).isEqualTo(gpus);
        assertThat(o.path("gpus").path("allocated").asLong()).isEqualTo(usedGpus);
        assertThat(o.path("memory").path("totalMb").asLong()).isEqualTo(memory);
        // jobs, as squeue -r counts them
        assertThat(o.path("jobs").path("running").asLong()).as("running").isEqualTo(s.count("RUNNING"));
        assertThat(o.path("jobs").path("pending").asLong()).as("pending").isEqualTo(s.count("PENDING"));
        Map<String, Long> reasons = new TreeMap<>();
        s.jobs().stream().filter(j -> j.state().equals("PENDING")).forEach(j -> reasons.merge(j.reason(), 1L, Long::sum));
        assertThat(new TreeMap<>(ranked(o.path("jobs").path("pendingByReason")))).as("pending by reason").isEqualTo(reasons);
        // partitions
        for (JsonNode p : o.path("partitions")) {
            String name = p.path("name").asString();
            assertThat(p.path("runningJobs").asLong()).as("running in %s", name)
                    .isEqualTo(s.jobs().stream().filter(j -> j.state().equals("RUNNING") && j.partitions().contains(name)).count());
            assertThat(p.path("pendingJobs").asLong()).as("pending in %s", name)
                    .isEqualTo(s.jobs().stream().filter(j -> j.state().equals("PENDING") && j.partitions().contains(name)).count());
            List<NodeLine> in = s.nodes().values().stream().filter(n -> List.of(n.partitions().split(",")).contains(name)).toList();
            assertThat(p.path("nodes").asLong()).as("nodes in %s", name).isEqualTo(in.size());
            assertThat(p.path("cpus").path("allocated").asLong()).isEqualTo(in.stream().mapToLong(NodeLine::allocCpus).sum());
            assertThat(p.path("cpus").path("idle").asLong()).isEqualTo(in.stream().mapToLong(NodeLine::idleCpus).sum());
            assertThat(p.path("cpus").path("total").asLong()).isEqualTo(in.stream().mapToLong(NodeLine::totalCpus).sum());
            assertThat(p.path("gpus").path("allocated").asLong()).isEqualTo(in.stream().mapToLong(NodeLine::usedGpus).sum());
        }
        // top users and accounts by running CPUs and pending jobs
        Map<String, Long> cpusByUser = new HashMap<>(), pendingByUser = new HashMap<>(), cpusByAccount = new HashMap<>();
        for (JobLine j : s.jobs()) {
            if (j.state().equals("RUNNING")) {
                cpusByUser.merge(j.user(), j.cpus(), Long::sum);
                cpusByAccount.merge(j.account(), j.cpus(), Long::sum);
            } else if (j.state().equals("PENDING")) {
                pendingByUser.merge(j.user(), 1L, Long::sum);
            }
        }
        assertTop(o.path("top").path("usersByRunningCpus"), cpusByUser);
        assertTop(o.path("top").path("accountsByRunningCpus"), cpusByAccount);
        assertTop(o.path("top").path("usersByPendingJobs"), pendingByUser);
        // every running job record is on the grid, on the nodes squeue names
        Map<String, List<String>> onGrid = jobIdsOn(o);
        for (JobLine j : s.jobs()) {
            if (j.state().equals("RUNNING")) {
                assertThat(onGrid).as("job %s on the grid", j.id()).containsKey(j.id());
            }
        }
    }

    private static void assertTop(JsonNode top, Map<String, Long> expected) {
        Map<String, Long> got = ranked(top);
        assertThat(got.size()).isEqualTo(Math.min(5, expected.size()));
        got.forEach((name, value) -> assertThat(value).as("top entry %s", name).isEqualTo(expected.get(name)));
        long smallestShown = got.values().stream().mapToLong(Long::longValue).min().orElse(0);
        assertThat(expected.entrySet().stream().filter(e -> !got.containsKey(e.getKey())))
                .allSatisfy(e -> assertThat(e.getValue()).isLessThanOrEqualTo(smallestShown));
    }

    /** {name: value} from a JSON object or a list of {name, value}. */
    private static Map<String, Long> ranked(JsonNode n) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        if (n.isArray()) {
            n.forEach(e -> out.put(e.path("name").asString(), e.path("value").asLong()));
        } else {
            n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
        }
        return out;
    }

    private static JsonNode node(JsonNode o, String name) {
        for (JsonNode n : o.path("nodes")) {
            if (n.path("name").asString().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("node " + name + " is not on the grid");
    }

    /** Job id ("123" or "120_4") -> nodes it shows on. */
    private static Map<String, List<String>> jobIdsOn(JsonNode o) {
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode n : o.path("nodes")) {
            for (JsonNode j : n.path("jobs")) {
                out.computeIfAbsent(j.path("id").asString(), k -> new ArrayList<>()).add(n.path("name").asString());
            }
        }
        return out;
    }
}
