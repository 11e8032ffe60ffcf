package org.slurmworkbench.workbench.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/clusters/{cluster}/scheduler} on every lab release against {@code sdiag} on the same
 * slurmctld: a reading taken before and one after the app's, each counter of the app's within [before, after]
 * (with a job of ours started first, so the counters are not all 0); the fields the release's API version lacks
 * are named as not offered; the history answers; bad input is a 400 naming the field, an unknown cluster a 404.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SchedulerIT {

    /** API fields the release's REST API version (the one the app uses) does not offer. */
    static final Map<String, List<String>> NOT_OFFERED = Map.of(
            "22.05", List.of("backfill.lastDepth", "backfill.lastDepthTried"), "24.11", List.of(), "26.05", List.of());

    @LocalServerPort
    int port;
    TestHttp admin;

    @BeforeEach
    void client() {
        admin = new TestHttp(port).basic("admin", "admin-test-password");
    }

    @Test
    void countersLieBetweenTwoSdiagReadings() throws InterruptedException {
        TestLab.onEveryReleaseAtOnce(this::compare);
    }

    private void compare(LabCluster lab) {
        String id = LabShell.sbatch(lab, "alice", "wb10-sdiag-" + lab.series());
        try {
            awaitRunning(lab, id);
            Sdiag before = Sdiag.read(lab);
            JsonNode api = freshReading(lab, before.get("output at"));
            Sdiag after = Sdiag.read(lab);
            assertThat(api.path("release").asString()).startsWith(lab.series());
            assertThat(api.path("apiVersion").asString()).isEqualTo(TestLab.API_VERSION.get(lab.series()));
            assertThat(api.path("stale").asBoolean()).isFalse();

            Map<String, ToLongFunction<JsonNode>> counters = new LinkedHashMap<>();
            counters.put("general|Jobs submitted", a -> a.path("jobs").path("submitted").asLong());
            counters.put("general|Jobs started", a -> a.path("jobs").path("started").asLong());
            counters.put("general|Jobs completed", a -> a.path("jobs").path("completed").asLong());
            counters.put("general|Jobs canceled", a -> a.path("jobs").path("canceled").asLong());
            counters.put("general|Jobs failed", a -> a.path("jobs").path("failed").asLong());
            counters.put("main|Total cycles", a -> a.path("main").path("cycles").asLong());
            counters.put("backfill|Total cycles", a -> a.path("backfill").path("cycles").asLong());
            counters.put("backfill|Total backfilled jobs (since last stats cycle start)",
                    a -> a.path("backfill").path("jobsStarted").asLong());
            counters.put("backfill|Total backfilled jobs (since last slurm start)",
                    a -> a.path("backfill").path("jobsStartedSinceSlurmctldStart").asLong());
            assertThat(before.get("data since")).as("%s: no statistics reset in between", lab)
                    .isEqualTo(after.get("data since"))
                    .isEqualTo(Instant.parse(api.path("statisticsSince").asString()).getEpochSecond());
            for (Map.Entry<String, ToLongFunction<JsonNode>> c : counters.entrySet()) {
                assertThat(c.getValue().applyAsLong(api)).as("%s: %s", lab, c.getKey())
                        .isBetween(before.get(c.getKey()), after.get(c.getKey()));
            }
            assertThat(before.get("general|Jobs started")).as("%s: our job was started", lab).isPositive();
            assertThat(api.path("main").path("jobsStarted").asLong() + api.path("backfill").path("jobsStarted").asLong())
                    .isEqualTo(api.path("jobs").path("started").asLong());
            assertThat(api.path("rpcs").path("total").asLong()).as("%s: RPCs", lab).isBetween(before.rpcs(), after.rpcs());
            assertThat(api.path("server").path("threads").asLong()).isPositive();
            // cycle times: the longest since the reset is at least the last of each, and within sdiag's
            assertThat(api.path("main").path("maxCycleMicros").asLong())
                    .isBetween(before.get("main|Max cycle"), after.get("main|Max cycle"));
            assertThat(api.path("rpcs").path("byType")).isNotEmpty().hasSizeLessThanOrEqualTo(15);
            assertThat(api.path("rpcs").path("byUser")).as("admins see RPCs by user").isNotEmpty();

            List<String> notOffered = api.path("notOffered").valueStream().map(JsonNode::asString).toList();
            assertThat(notOffered).as("%s: not offered", lab).containsExactlyInAnyOrderElementsOf(NOT_OFFERED.get(lab.series()));
            for (String path : notOffered) {
                String[] p = path.split("\\.");
                assertThat(api.path(p[0]).path(p[1]).isNull()).as("%s: %s is null, not 0", lab, path).isTrue();
            }
            if (notOffered.isEmpty()) {
                assertThat(api.path("backfill").path("lastDepth").asLong())
                        .isBetween(0L, Math.max(before.get("backfill|Last depth cycle"), after.get("backfill|Last depth cycle")) + 1000);
            }

            TestHttp.Response history = admin.get("/api/v1/clusters/" + lab.name() + "/scheduler/history?step=1h");
            assertThat(history.status()).as(history.body()).isEqualTo(200);
            assertThat(history.json().path("resolutionSeconds").asLong()).isEqualTo(3600);
        } finally {
            LabShell.run(lab, "scancel", id);
        }
    }

    /** The app's answer once its reading is from after sdiag's (the shared reading may be a few seconds old). */
    private JsonNode freshReading(LabCluster lab, long notBefore) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            TestHttp.Response r = admin.get("/api/v1/clusters/" + lab.name() + "/scheduler");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode body = r.json();
            if (!body.path("requestTime").isNull() && Instant.parse(body.path("requestTime").asString()).getEpochSecond() > notBefore) {
                return body;
            }
            assertThat(Instant.now()).as("%s: a reading after sdiag's", lab).isBefore(deadline);
            sleep(500);
        }
    }

    private static void awaitRunning(LabCluster lab, String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (LabShell.showJob(lab, id).getOrDefault("JobState", "?").equals("RUNNING")) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError(lab + ": job " + id + " did not start");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void badInputIsA400NamingTheFieldAndAnUnknownClusterA404() {
        String c = "/api/v1/clusters/" + TestLab.present().getFirst().name();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(c + "/scheduler?top=abc", "top");
        bad.put(c + "/scheduler?top=0", "top");
        bad.put(c + "/scheduler?top=101", "top");
        bad.put(c + "/scheduler/history?from=yesterday", "from");
        bad.put(c + "/scheduler/history?to=2026-13-01T00:00:00Z", "to");
        bad.put(c + "/scheduler/history?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "from");
        bad.put(c + "/scheduler/history?step=10s", "step");
        bad.put(c + "/scheduler/history?step=often", "step");
        bad.put(c + "/scheduler/history?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&step=60s", "step");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            TestHttp.Response r = admin.get(b.getKey());
            assertThat(r.status()).as("%s: %s", b.getKey(), r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().path("errors").get(0).path("field").asString()).as(b.getKey()).isEqualTo(b.getValue());
            assertThat(r.json().path("detail").asString()).contains("'" + b.getValue() + "'");
        }
        for (String path : List.of("/api/v1/clusters/nosuch/scheduler", "/api/v1/clusters/nosuch/scheduler/history")) {
            TestHttp.Response r = admin.get(path);
            assertThat(r.status()).as("%s: %s", path, r.body()).isEqualTo(404);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().path("detail").asString()).contains("nosuch");
        }
        assertThat(admin.get(c + "/scheduler?top=3").json().path("rpcs").path("byType")).hasSizeLessThanOrEqualTo(3);
    }
}
