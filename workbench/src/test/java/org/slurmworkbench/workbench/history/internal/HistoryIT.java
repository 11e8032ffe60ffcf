package org.slurmworkbench.workbench.history.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The collector (every 2 s in tests) records the lab clusters into MariaDB at all three resolutions; the API reads
 * the series back, checks its parameters, and old rows expire.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HistoryIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HistoryStore store;

    TestHttp user;

    @BeforeEach
    void setUp() {
        user = new TestHttp(port).basic("admin", "admin-test-password");
    }

    @Test
    void theCollectorRecordsEveryResolutionAndTheApiReadsItBack() throws InterruptedException {
        LabCluster lab = TestLab.present().getLast();
        Instant start = Instant.now();
        JsonNode u = null;
        for (int i = 0; i < 60; i++) {
            u = user.get("/api/v1/clusters/" + lab.name() + "/utilization?from=" + start.minus(Duration.ofMinutes(5))
                    + "&to=" + Instant.now().plusSeconds(60) + "&step=60s").json();
            if (u.path("total").size() > 0 && u.path("total").get(u.path("total").size() - 1).path("time").asString()
                    .compareTo(Instant.ofEpochSecond(start.getEpochSecond() / 60 * 60).toString()) >= 0) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(u.path("stepSeconds").asLong()).isEqualTo(60);
        assertThat(u.path("resolutionSeconds").asLong()).isEqualTo(60);
        JsonNode last = u.path("total").get(u.path("total").size() - 1);
        assertThat(last.path("samples").asInt()).isPositive();
        assertThat(last.path("cpusTotal").asDouble()).isEqualTo(128.0);
        assertThat(last.path("gpusTotal").asDouble()).isEqualTo(8.0);
        assertThat(u.path("partitions").path("gpu").size()).isPositive();
        assertThat(u.path("partitions").path("gpu").get(0).path("cpusTotal").asDouble()).isEqualTo(64.0);

        Map<Integer, Long> rows = new java.util.TreeMap<>();
        jdbc.sql("SELECT step_seconds, COUNT(*) FROM utilization_history WHERE cluster = ? GROUP BY step_seconds")
                .param(lab.name()).query(rs -> { rows.put(rs.getInt(1), rs.getLong(2)); });
        assertThat(rows.keySet()).containsExactly(60, 3600, 86400);

        JsonNode daily = user.get("/api/v1/clusters/" + lab.name() + "/utilization?from=" + start.minus(Duration.ofDays(3))
                + "&to=" + Instant.now().plusSeconds(60) + "&step=1d").json();
        assertThat(daily.path("resolutionSeconds").asLong()).isEqualTo(86400);
        assertThat(daily.path("total").size()).isPositive();
        System.out.printf("HistoryIT %s: last minute %s; rows per resolution %s%n", lab, last, rows);
    }

    @Test
    void badParametersAre400NamingTheFieldAndAnUnknownClusterIs404() {
        String base = "/api/v1/clusters/dead/utilization";
        TestHttp.Response order = user.get(base + "?from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z");
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.header("Content-Type")).startsWith("application/problem+json");
        assertThat(order.json().path("errors").get(0).path("field").asString()).isEqualTo("from");
        assertThat(user.get(base + "?to=yesterday").json().path("errors").get(0).path("field").asString()).isEqualTo("to");
        TestHttp.Response step = user.get(base + "?step=often");
        assertThat(step.status()).isEqualTo(400);
        assertThat(step.json().path("detail").asString()).contains("step");
        assertThat(user.get(base + "?step=10s").status()).isEqualTo(400);
        assertThat(user.get(base + "?from=2025-01-01T00:00:00Z&step=60s").status()).isEqualTo(400);
        TestHttp.Response empty = user.get(base);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().path("total").size()).isZero();
        assertThat(user.get("/api/v1/clusters/no-such-cluster/utilization").status()).isEqualTo(404);
        assertThat(user.get("/v3/api-docs").json().path("paths").has("/api/v1/clusters/{cluster}/utilization")).isTrue();
    }

    @Test
    void rowsOlderThanTheirResolutionsRetentionExpire() {
        String cluster = "expiry-test-" + System.nanoTime();
        long old = Instant.now().minus(Duration.ofDays(3)).getEpochSecond();
        for (int step : new int[] {60, 3600}) {
            jdbc.sql("""
                    INSERT INTO utilization_history VALUES (?, '', ?, ?, 1, 1, 1, 1, 1, 1, 1)""")
                    .params(cluster, step, old / step * step).update();
        }
        try {
            store.expire(Instant.now(), Map.of(Resolution.MINUTE, Duration.ofDays(2), Resolution.HOUR, Duration.ofDays(90)));
            assertThat(jdbc.sql("SELECT step_seconds FROM utilization_history WHERE cluster = ?").param(cluster)
                    .query(Integer.class).list()).containsExactly(3600);
        } finally {
            jdbc.sql("DELETE FROM utilization_history WHERE cluster = ?").param(cluster).update();
        }
    }

    @Test
    void theHistoryCardsRenderInBothLanguages() {
        TestHttp page = new TestHttp(port);
        page.formLogin("admin", "admin-test-password");
        LabCluster lab = TestLab.present().getLast();
        for (String lang : new String[] {"en", "zh"}) {
            TestHttp.Response r = page.get("/fragments/history?lang=" + lang);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("??").contains("id=\"history-" + lab.name() + "\"")
                    .contains(lang.equals("zh") ? "利用率历史" : "Utilization history");
        }
        TestHttp.Response one = page.get("/fragments/history/" + lab.name() + "?range=7d&lang=en");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).contains("id=\"history-" + lab.name() + "-7d\"").doesNotContain("id=\"history\"");
    }

    @Test
    void theHistoryCardShowsOnePartitionOverACustomRangeAndSaysWhatIsWrongWithABadOne() throws InterruptedException {
        LabCluster lab = TestLab.present().getLast();
        TestHttp page = new TestHttp(port).basic("admin", "admin-test-password");
        String base = "/fragments/history/" + lab.name();
        Instant to = Instant.now().plusSeconds(60);
        String custom = base + "?range=custom&partition=gpu&from=" + to.minus(Duration.ofHours(2)) + "&to=" + to;
        TestHttp.Response r = null;
        for (int i = 0; i < 60; i++) {
            r = page.get(custom);
            if (r.body().contains("history-chart-resources")) {
                break;
            }
            Thread.sleep(1000); // until the collector has recorded this cluster
        }
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<option value=\"gpu\" selected=\"selected\">")
                .contains("name=\"preset\" value=\"custom\"")
                .contains(",64.0]") // the gpu partition's 64 CPUs, not the cluster's 128
                .doesNotContain(",128.0]");

        TestHttp.Response bad = page.get(base + "?range=custom&from=" + to + "&to=" + to.minus(Duration.ofHours(1)));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("history-error").contains("from");
        assertThat(page.get(base + "?range=custom&from=yesterday").body()).contains("history-error");
    }
}
