package org.slurmworkbench.workbench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.QosLab;
import org.slurmworkbench.workbench.TestApp;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestStores;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The packaged app on its own MariaDB and Redis, each stopped and restarted during work. Redis down: everything
 * still answers (the dashboard from this instance's last overview). MariaDB down: 503 with a message naming
 * MariaDB on the API (basic auth and session alike) and a 503 page for the browser, never a 500 or a stack trace.
 * Both back: the same browser session works again by itself (sessions live in MariaDB's files), and the accounting
 * sync's position is where it was, then moves on.
 */
class StoreOutageIT {

    @Test
    void redisAndMariaDbOutagesAre503AtWorstAndHealBySelf() throws Exception {
        LabCluster lab = TestLab.present().getFirst();
        try (TestStores db = TestStores.mariadb("outage-mariadb"); TestStores redis = TestStores.redis("outage-redis");
             TestApp app = TestApp.start("outage", "wb_outage", Map.of(
                     "spring.datasource.url", "jdbc:mariadb://127.0.0.1:" + db.port() + "/wb_outage?createDatabaseIfNotExist=true",
                     "spring.data.redis.port", Integer.toString(redis.port()),
                     "spring.datasource.hikari.connection-timeout", "2000",
                     "workbench.accounting.sync.interval", "3s",
                     "workbench.accounting.sync.initial-delay", "1s"))) {
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(
                    "jdbc:mariadb://127.0.0.1:" + db.port() + "/wb_outage", "root", ""));
            TestHttp api = new TestHttp(app.port()).basic("admin", "admin-test-password");
            TestHttp browser = new TestHttp(app.port());
            assertThat(browser.formLogin("admin", "admin-test-password").header("Location")).doesNotContain("error");
            String overview = "/api/v1/clusters/" + lab.name() + "/overview";
            List<String> apis = List.of(overview, "/api/v1/clusters", "/api/v1/accounting/usage?groupBy=user",
                    "/api/v1/clusters/" + lab.name() + "/jobs");
            for (String path : apis) {
                assertThat(api.get(path).status()).as(path).isEqualTo(200);
            }
            assertThat(browser.get("/").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> cursor(jdbc, lab.name()) != null);

            redis.stop();
            for (String path : apis) {
                TestHttp.Response r = api.get(path);
                assertThat(r.status()).as("%s with Redis down -> %s", path, r.body()).isEqualTo(200);
            }
            assertThat(browser.get("/").status()).as("dashboard page with Redis down").isEqualTo(200);
            redis.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get(overview).status() == 200);

            // a QOS edit is audited before it goes to Slurm: with MariaDB down it is refused and Slurm keeps its limits
            String qos = QosLab.newName();
            String qosApi = "/api/v1/clusters/" + lab.name() + "/qos";
            TestHttp.Response created = api.postJson(qosApi, "{\"name\": \"" + qos + "\", \"priority\": 3}");
            assertThat(created.status()).as(created.body()).isIn(200, 201);

            LocalDateTime before = cursor(jdbc, lab.name());
            db.stop();
            for (String path : apis) {
                TestHttp.Response r = api.get(path);
                assertThat(r.status()).as("%s with MariaDB down -> %s", path, r.body()).isIn(200, 503);
                if (r.status() == 503) {
                    assertThat(r.body()).contains("MariaDB").doesNotContain("Exception").doesNotContain("\tat ");
                    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                }
            }
            TestHttp.Response usage = api.get("/api/v1/accounting/usage?groupBy=user");
            assertThat(usage.status()).as("accounting reads MariaDB: %s", usage.body()).isEqualTo(503);
            TestHttp.Response page = browser.get("/accounting");
            assertThat(page.status()).as("accounting page with MariaDB down").isEqualTo(503);
            assertThat(page.body()).doesNotContain("Exception").doesNotContain("\tat ");

            TestHttp.Response edit = api.patchJson(qosApi + "/" + qos, "{\"priority\": 7}");
            assertThat(edit.status()).as("QOS edit with MariaDB down -> %s", edit.body()).isEqualTo(503);
            assertThat(QosLab.show(lab, qos)).containsEntry("Priority", "3");

            db.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> api.get("/api/v1/accounting/usage?groupBy=user").status() == 200);
            try {
                List<String> audit = api.get("/api/v1/qos/audit?cluster=" + lab.name() + "&qos=" + qos).json().valueStream()
                        .map(e -> e.path("action").asString() + " " + e.path("outcome").asString()).toList();
                assertThat(audit).as("the audit log kept the creation and recorded nothing sent").containsExactly("CREATE APPLIED");
                assertThat(api.patchJson(qosApi + "/" + qos, "{\"priority\": 7}").status()).isEqualTo(200);
                assertThat(QosLab.show(lab, qos)).containsEntry("Priority", "7");
                assertThat(api.get("/api/v1/qos/audit?cluster=" + lab.name() + "&qos=" + qos).json().get(0)
                        .path("outcome").asString()).isEqualTo("APPLIED");
            } finally {
                QosLab.delete(lab, qos);
            }
            assertThat(browser.get("/accounting").status()).as("the session outlived the outage").isEqualTo(200);
            assertThat(cursor(jdbc, lab.name())).as("the sync position is kept").isAfterOrEqualTo(before);
            await().atMost(Duration.ofSeconds(60)).until(() -> cursor(jdbc, lab.name()).isAfter(before));
        }
    }

    private static LocalDateTime cursor(JdbcClient jdbc, String cluster) {
        return jdbc.sql("SELECT synced_until FROM acct_sync_cursor WHERE cluster = ?").param(cluster)
                .query(LocalDateTime.class).optional().orElse(null);
    }
}
