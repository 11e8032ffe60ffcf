package org.slurmworkbench.workbench.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestApp;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two workbench processes on one MariaDB and Redis, as behind a load balancer: the history collector and the
 * accounting sync each run on exactly one of them; a session opened on one is valid on the other; when the
 * collector's instance is killed (SIGKILL, so it releases nothing) the other takes the work over and history goes on.
 */
class TwoInstancesIT {

    static final String DB = System.getProperty("wb.test.db", "slurm_workbench_test") + "_multi";
    static final Map<String, String> FAST = Map.of(
            "workbench.history.interval", "2s",
            "workbench.accounting.sync.interval", "3s",
            "workbench.accounting.sync.initial-delay", "1s");

    @Test
    void periodicWorkRunsOnceSessionsMoveAndADeadInstanceIsReplaced() throws Exception {
        LabCluster lab = TestLab.present().getFirst();
        JdbcClient db = JdbcClient.create(new DriverManagerDataSource(
                "jdbc:mariadb://127.0.0.1:3306/" + DB + "?createDatabaseIfNotExist=true", "root", ""));
        try (TestApp a = TestApp.start("multi-a", DB, FAST); TestApp b = TestApp.start("multi-b", DB, FAST)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> holder(db, "history-collector") != null
                    && holder(db, "accounting-sync") != null);
            String collector = holder(db, "history-collector");
            String sync = holder(db, "accounting-sync");
            assertThat(pidOf(collector)).isIn(a.pid(), b.pid());
            assertThat(pidOf(sync)).isIn(a.pid(), b.pid());
            for (int i = 0; i < 4; i++) {
                Thread.sleep(1500); // four collector intervals: the holders stay put while both live
                assertThat(holder(db, "history-collector")).isEqualTo(collector);
                assertThat(holder(db, "accounting-sync")).isEqualTo(sync);
            }

            TestHttp browser = new TestHttp(a.port());
            assertThat(browser.formLogin("admin", "admin-test-password").header("Location")).doesNotContain("error");
            assertThat(browser.get("/").status()).as("logged in on a").isEqualTo(200);
            assertThat(browser.at(b.port()).get("/").status()).as("the same session on b").isEqualTo(200);
            assertThat(new TestHttp(b.port()).get("/").status()).as("no session on b").isEqualTo(302);

            TestApp dying = pidOf(collector) == a.pid() ? a : b;
            TestApp survivor = dying == a ? b : a;
            long samplesBefore = samples(db, lab.name());
            dying.kill();
            // The lease is two intervals plus 10 s: taken over well within 30 s.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> pidOf(holder(db, "history-collector")) == survivor.pid());
            await().atMost(Duration.ofSeconds(20)).until(() -> samples(db, lab.name()) > samplesBefore);
            if (pidOf(sync) == dying.pid()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> pidOf(holder(db, "accounting-sync")) == survivor.pid());
            }
            assertThat(browser.at(survivor.port()).get("/").status()).as("the session outlives its first instance")
                    .isEqualTo(200);
            System.out.printf("TwoInstancesIT: collector %s, sync %s; killed pid %d, survivor pid %d took over%n",
                    collector, sync, dying.pid(), survivor.pid());
        }
    }

    private static String holder(JdbcClient db, String lease) {
        return db.sql("SELECT holder FROM workbench_lease WHERE name = ? AND expires_at > UTC_TIMESTAMP(3)")
                .param(lease).query(String.class).optional().orElse(null);
    }

    /** Instance ids are host:pid:random. */
    private static long pidOf(String holder) {
        return holder == null ? -1 : Long.parseLong(holder.split(":")[1]);
    }

    private static long samples(JdbcClient db, String cluster) {
        return db.sql("SELECT COALESCE(SUM(samples), 0) FROM utilization_history WHERE cluster = ? AND step_seconds = 86400 AND partition_name = ''")
                .param(cluster).query(Long.class).single();
    }
}
