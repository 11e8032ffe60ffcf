package org.slurmworkbench.workbench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestPlans;
import tools.jackson.databind.JsonNode;

/**
 * Exactly once despite crashes: a run on 24.11 through a separate workbench process with its own Redis; the app is
 * SIGKILLed mid-run and started again, later its Redis is killed (losing the stream) and started again. Afterwards
 * Slurm's accounting holds exactly the run's jobs, each sequence number once. The suite runs 600 jobs; the issue's
 * 5,000 are {@code -Dwb.crash.jobs=5000} (a quarter of an hour on two cores).
 */
class WorkloadCrashIT {

    static final int JOBS = Integer.getInteger("wb.crash.jobs", 600);

    @Test
    void aKilledAppAndALostRedisNeitherLoseNorDoubleAJob() throws Exception {
        LabCluster c = TestLab.present().stream().filter(l -> l.series().equals("24.11")).findFirst()
                .orElseGet(() -> TestLab.present().getFirst());
        String db = System.getProperty("wb.test.db", "slurm_workbench_test") + "_crash";
        // a fresh database: a run left RUNNING by an earlier attempt would be taken up too and compete with this one
        try (var c0 = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
             var st = c0.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + db + "`");
        }
        String id = null;
        try (AppProcess app = new AppProcess(db, Path.of("target/workload-crash"))) {
            app.startRedis();
            app.startApp();
            TestHttp admin = app.admin();
            // 1 CPU, 1 s each, arriving over 60 s: the kills land while jobs are still being submitted (after a fifth
            // and after half of them were sent)
            TestHttp.Response created = admin.postJson("/api/v1/workloads/runs",
                    TestPlans.request(c.name(), 7, JOBS, 1, 1, 1, 1, 60, 16));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            id = created.json().path("run").path("id").asString();
            String run = "/api/v1/workloads/runs/" + id;
            assertThat(admin.postJson(run + "/start", "").status()).isEqualTo(200);

            awaitSubmitted(admin, run, JOBS / 5);
            app.killApp();
            app.startApp();
            long afterRestart = awaitSubmitted(admin, run, JOBS / 2);
            assertThat(afterRestart).isLessThan(JOBS);

            app.killRedis();
            app.startRedis();
            JsonNode done = WorkloadRunIT.await(admin, run, r -> r.path("run").path("state").asString().equals("DONE"),
                    Duration.ofMinutes(8));
            assertThat(done.path("progress").path("submitted").asLong()).as(done.toString()).isEqualTo(JOBS);

            // accounting catches up shortly after the last job ends
            Map<String, long[]> jobs = Map.of();
            for (int i = 0; i < 120 && jobs.size() < JOBS; i++) {
                jobs = WorkloadRunIT.sacct(c, id); // fails on a name seen twice
                if (jobs.size() < JOBS) {
                    Thread.sleep(1000);
                }
            }
            assertThat(jobs).hasSize(JOBS);
            for (int seq = 1; seq <= JOBS; seq++) {
                assertThat(jobs).containsKey("wb-" + id + "-" + seq);
            }
        } finally {
            if (id != null) {
                // whatever a failed attempt left pending in the shared lab
                LabShell.run(c, "bash", "-c", "scancel $(squeue -h -o '%i %j' | awk '$2 ~ /^wb-" + id
                        + "-/ {print $1}') 2>/dev/null; true");
            }
        }
    }

    private static long awaitSubmitted(TestHttp admin, String run, long atLeast) {
        // generous: on a loaded machine (two cores, several builds) submissions ran at 5-10 a second
        JsonNode r = WorkloadRunIT.await(admin, run, v -> v.path("progress").path("submitted").asLong() >= atLeast,
                Duration.ofMinutes(6));
        return r.path("progress").path("submitted").asLong();
    }
}
