package org.slurmworkbench.workbench.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestApp;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestPlans;
import org.slurmworkbench.workbench.workload.WorkloadRunIT;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two workbench processes on one MariaDB and Redis, as behind a load balancer: the history collector and the
 * accounting sync each run on exactly one of them; a session opened on one is valid on the other; a workload run is
 * submitted by both, each job once; when the collector's instance is killed (SIGKILL, so it releases nothing) the other
 * takes the work over and history goes on. One pair of instances for all of it, started side by side: each start costs half a minute.
 */
class TwoInstancesIT {

    static final String DB = System.getProperty("wb.test.db", "slurm_workbench_test") + "_multi";
    static final Map<String, String> FAST = Map.of(
            "workbench.history.interval", "2s",
            "workbench.accounting.sync.interval", "3s",
            "workbench.accounting.sync.initial-delay", "1s");

    @Test
    void periodicWorkRunsOnceSessionsMoveJobsGoOnceAndADeadInstanceIsReplaced() throws Exception {
        LabCluster lab = TestLab.present().getFirst();
        JdbcClient db = JdbcClient.create(new DriverManagerDataSource(
                "jdbc:mariadb://127.0.0.1:3306/" + DB + "?createDatabaseIfNotExist=true", "root", ""));
        List<TestApp> apps = TestApp.startAll(DB, FAST, "multi-a", "multi-b");
        try (TestApp a = apps.get(0); TestApp b = apps.get(1)) {
            // a lease of an instance from an earlier test may outlive it for its expiry (two intervals + 10 s)
            List<Long> ours = List.of(a.pid(), b.pid());
            await().atMost(Duration.ofSeconds(90)).until(() -> ours.contains(pidOf(holder(db, "history-collector")))
                    && ours.contains(pidOf(holder(db, "accounting-sync"))));
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

            bothInstancesSubmitOneRunAndNoJobTwice(a, b, lab, db);

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

    /**
     * A workload run started on one instance is submitted by both through the stream's consumer group, and each of
     * its jobs reaches Slurm exactly once (sacct: every sequence number once, none twice).
     */
    private static void bothInstancesSubmitOneRunAndNoJobTwice(TestApp a, TestApp b, LabCluster lab, JdbcClient db)
            throws Exception {
        int jobs = 120;
        for (TestApp app : List.of(a, b)) { // a first login opens each instance's Redis connection
            new TestHttp(app.port()).formLogin("admin", "admin-test-password");
        }
        TestHttp admin = new TestHttp(a.port()).basic("admin", "admin-test-password");
        // arrivals spread over 20 s, so both instances' submitters are up while jobs come in
        TestHttp.Response created = admin.postJson("/api/v1/workloads/runs",
                TestPlans.request(lab.name(), 7, jobs, 1, 1, 1, 2, 20, 4));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("run").path("id").asString();
        assertThat(admin.postJson("/api/v1/workloads/runs/" + id + "/start", "").status()).isEqualTo(200);
        // progress is read on the other instance: the run lives in MariaDB, not in the instance that started it
        TestHttp onB = new TestHttp(b.port()).basic("admin", "admin-test-password");
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2)).until(() ->
                onB.get("/api/v1/workloads/runs/" + id).json().path("progress").path("submitted").asLong() == jobs);

        Map<String, long[]> sacct = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(3))
                .until(() -> WorkloadRunIT.sacct(lab, id), m -> m.size() >= jobs); // sacct fails on a name seen twice
        assertThat(sacct).hasSize(jobs);
        for (int seq = 1; seq <= jobs; seq++) {
            assertThat(sacct).containsKey("wb-" + id + "-" + seq);
        }
        List<String> submitters = db.sql("SELECT DISTINCT LEFT(claimed_by, 9) FROM wl_job WHERE run_id = ?")
                .param(id).query(String.class).list();
        // every job keeps the claim it was sent under: a live instance's claim is never taken from it
        assertThat(submitters).as("instances that submitted jobs of run %s", id).hasSize(2).doesNotContainNull();
        System.out.printf("TwoInstancesIT: run %s, %d jobs in sacct once each, submitted by %s%n", id, sacct.size(), submitters);
        // nothing to clean up: the jobs sleep a second or two and end by themselves
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
