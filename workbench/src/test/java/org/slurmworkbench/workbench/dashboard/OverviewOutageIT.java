package org.slurmworkbench.workbench.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * slurmrestd goes away while the dashboard is open: a cluster "proxied" reaches a real lab slurmrestd through a
 * TCP proxy that the test stops and starts. While it is stopped the API and the dashboard's cards answer 200 with
 * the last overview marked stale with its age; once it is back the overview is live again by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OverviewOutageIT {

    static final LabCluster LAB = TestLab.present().getLast();
    static final TcpProxy PROXY = new TcpProxy(LAB.restUrl());

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void proxiedCluster(DynamicPropertyRegistry registry) throws IOException {
        PROXY.start();
        registry.add("workbench.clusters[0].name", () -> "proxied");
        registry.add("workbench.clusters[0].url", () -> "http://127.0.0.1:" + PROXY.port());
        registry.add("workbench.clusters[0].token-mode", () -> "mint");
        registry.add("workbench.clusters[0].jwt-key", () -> LAB.jwtKey().toString());
        registry.add("workbench.clusters[0].service-user", () -> LAB.adminUser());
        registry.add("workbench.clusters[0].connect-timeout", () -> "1s");
        registry.add("workbench.clusters[0].request-timeout", () -> "5s");
    }

    @AfterAll
    static void stopProxy() throws IOException {
        PROXY.stop();
    }

    @Test
    void servesTheLastOverviewStaleWithItsAgeAndNo5xxThenRecoversByItself() throws Exception {
        TestHttp api = new TestHttp(port).basic("admin", "admin-test-password");
        TestHttp page = new TestHttp(port);
        page.formLogin("admin", "admin-test-password");

        JsonNode live = await(api, o -> !o.path("stale").asBoolean() && o.has("fetchedAt"));
        Instant lastLive = Instant.parse(live.path("fetchedAt").asString());

        PROXY.stop();
        long started = System.nanoTime();
        JsonNode stale = await(api, o -> o.path("stale").asBoolean());
        System.out.printf("OverviewOutageIT: stale after %d ms: age %s s, error %s%n", (System.nanoTime() - started) / 1_000_000,
                stale.path("ageSeconds"), stale.path("error"));
        assertThat(Instant.parse(stale.path("fetchedAt").asString())).isAfterOrEqualTo(lastLive);
        assertThat(stale.path("error").asString()).contains("unavailable");
        assertThat(stale.path("nodes").size()).as("the last known node grid is still there").isEqualTo(live.path("nodes").size());
        Thread.sleep(2500);
        JsonNode older = get(api);
        assertThat(older.path("stale").asBoolean()).isTrue();
        assertThat(older.path("ageSeconds").asLong()).isGreaterThan(stale.path("ageSeconds").asLong() - 1)
                .isGreaterThanOrEqualTo(2);
        TestHttp.Response cards = page.get("/fragments/overviews?lang=en");
        assertThat(cards.status()).isEqualTo(200);
        assertThat(cards.body()).contains("id=\"overview-proxied\"").contains("Stale · ").contains("id=\"grid-proxied\"");
        assertThat(page.get("/?lang=en").status()).isEqualTo(200);

        PROXY.start();
        started = System.nanoTime();
        JsonNode back = await(api, o -> !o.path("stale").asBoolean());
        System.out.printf("OverviewOutageIT: live again %d ms after slurmrestd came back%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(Instant.parse(back.path("fetchedAt").asString())).isAfter(lastLive);
        assertThat(page.get("/fragments/overviews?lang=en").body()).contains("Live · ");
    }

    private JsonNode get(TestHttp api) {
        TestHttp.Response r = api.get("/api/v1/clusters/proxied/overview");
        assertThat(r.status()).as("never an error while slurmrestd is away: %s", r.body()).isEqualTo(200);
        return r.json();
    }

    /** Polls (every answer must be 200) until the overview satisfies {@code done}, for at most 40 s. */
    private JsonNode await(TestHttp api, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + 40_000_000_000L;
        JsonNode o = get(api);
        while (!done.test(o)) {
            assertThat(System.nanoTime()).as("waiting for the overview, last: %s", o).isLessThan(deadline);
            Thread.sleep(300);
            o = get(api);
        }
        return o;
    }
}
