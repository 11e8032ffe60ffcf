package org.slurmworkbench.workbench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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
 * The same plan twice on 26.05, the second time (a repeat) with backfill every 30 s instead of the lab's 5 s
 * ({@code lab sched --set}, reset in a finally block whatever fails): the comparison shows the configuration that
 * differed; each run's scheduler counters (backfill cycles, jobs started by backfill and by the main scheduler) lie
 * within what {@code sdiag} counted right before and after that run, and backfill cycles moved between the runs the way
 * sdiag's did (fewer with the longer interval).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "workbench.workload.diag-step=5s")
class RunSchedulerSettingsIT {

    static final int JOBS = 8;
    static final String BACKFILL_CYCLES = "backfill|Total cycles";
    static final String BACKFILLED = "backfill|Total backfilled jobs (since last stats cycle start)";
    static final String STARTED = "general|Jobs started";

    @LocalServerPort
    int port;

    /** A run's scheduler counters as its analysis recorded them, and sdiag read right before and after it. */
    private record Measured(String run, JsonNode scheduler, Sdiag before, Sdiag after) {

        long recorded(String metric) {
            return scheduler.path(metric).asLong();
        }

        long sdiag(String key) {
            return after.get(key) - before.get(key);
        }
    }

    @Test
    void theSamePlanUnderAnotherBackfillIntervalShowsTheDifferenceInCompare() {
        LabCluster lab = TestLab.present().stream().filter(l -> l.series().equals("26.05")).findFirst().orElseThrow();
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        Measured first;
        Measured second;
        try {
            TestHttp.Response created = admin.postJson("/api/v1/workloads/runs",
                    TestPlans.request(lab.name(), 11, JOBS, 1, 2, 10, 14, 12, 4));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            first = measured(admin, lab, created.json().path("run").path("id").asString());
            LabShell.lab("sched", "--release", "26.05", "--set", "bf_interval=30");
            assertThat(LabShell.run(lab, "scontrol", "show", "config")).containsPattern("SchedulerParameters\\s*=.*bf_interval=30");
            TestHttp.Response repeated = admin.postJson("/api/v1/workloads/runs/" + first.run() + "/repeat", "");
            assertThat(repeated.status()).as(repeated.body()).isEqualTo(201);
            second = measured(admin, lab, repeated.json().path("run").path("id").asString());
        } finally {
            LabShell.lab("sched", "--release", "26.05", "--reset");
        }
        assertThat(LabShell.run(lab, "scontrol", "show", "config")).containsPattern("SchedulerParameters\\s*=.*bf_interval=5\\b");

        TestHttp.Response compared = admin.get("/api/v1/workloads/compare?a=" + first.run() + "&b=" + second.run());
        assertThat(compared.status()).as(compared.body()).isEqualTo(200);
        Map<String, JsonNode> settings = new HashMap<>();
        compared.json().path("settings").forEach(s -> settings.put(s.path("setting").asString(), s));
        // other engineers' tests may change a QOS or a partition meanwhile: only the configuration is ours to check
        assertThat(settings.keySet().stream().filter(k -> k.startsWith("conf.") || k.equals("release")))
                .as("of the configuration, only the scheduler parameters differ").containsExactly("conf.SchedulerParameters");
        assertThat(settings.get("conf.SchedulerParameters").path("a").asString()).contains("bf_interval=5");
        assertThat(settings.get("conf.SchedulerParameters").path("b").asString()).contains("bf_interval=30");
        assertThat(compared.json().path("settingsNotes")).isEmpty();

        // each run's counters within what sdiag counted around it (other users' jobs count in sdiag's, not the run's own)
        for (Measured m : new Measured[] {first, second}) {
            String run = "run " + m.run();
            assertThat(m.recorded("backfillCycles")).as("%s: backfill cycles", run).isBetween(0L, m.sdiag(BACKFILL_CYCLES));
            assertThat(m.recorded("jobsStartedByBackfill")).as("%s: jobs started by backfill", run)
                    .isBetween(0L, m.sdiag(BACKFILLED));
            assertThat(m.recorded("jobsStartedByMain")).as("%s: jobs started by the main scheduler", run)
                    .isBetween(0L, m.sdiag(STARTED) - m.sdiag(BACKFILLED));
            assertThat(m.recorded("jobsStarted")).as("%s: jobs started", run).isBetween((long) JOBS, m.sdiag(STARTED));
            System.out.printf("RunSchedulerSettingsIT %s: backfill cycles %d (sdiag %d), started by backfill %d (sdiag %d), "
                    + "by main %d (sdiag %d)%n", run, m.recorded("backfillCycles"), m.sdiag(BACKFILL_CYCLES),
                    m.recorded("jobsStartedByBackfill"), m.sdiag(BACKFILLED), m.recorded("jobsStartedByMain"),
                    m.sdiag(STARTED) - m.sdiag(BACKFILLED));
        }
        // what the setting moves: backfill cycles, fewer with bf_interval=30, as sdiag says and as the runs recorded
        long bfA = first.recorded("backfillCycles");
        long bfB = second.recorded("backfillCycles");
        assertThat(second.sdiag(BACKFILL_CYCLES)).as("sdiag: backfill cycles with bf_interval=30 against 5")
                .isLessThan(first.sdiag(BACKFILL_CYCLES));
        assertThat(bfB).as("recorded: backfill cycles with bf_interval=30 (%s) against 5 (%s)", bfB, bfA).isLessThan(bfA);
        Map<String, JsonNode> sched = new HashMap<>();
        compared.json().path("scheduler").forEach(s -> sched.put(s.path("metric").asString(), s));
        assertThat(sched.get("backfillCycles").path("diff").asDouble()).isEqualTo((double) (bfB - bfA));
    }

    /**
     * Runs the run with an sdiag reading right before and after it. The run's first reading comes from the app's shared
     * one, which may be a few seconds old: the run starts once that is newer than the sdiag before.
     */
    private static Measured measured(TestHttp admin, LabCluster lab, String run) {
        Sdiag before = Sdiag.read(lab);
        WorkloadRunIT.await(admin, "/api/v1/clusters/" + lab.name() + "/scheduler", s -> s.hasNonNull("fetchedAt")
                && Instant.parse(s.path("fetchedAt").asString()).getEpochSecond() > before.get("output at"), Duration.ofSeconds(60));
        JsonNode analysis = runToTheEnd(admin, run);
        Sdiag after = Sdiag.read(lab);
        assertThat(after.get("data since")).as("run %s: no statistics reset during the run", run).isEqualTo(before.get("data since"));
        return new Measured(run, analysis.path("scheduler"), before, after);
    }

    private static JsonNode runToTheEnd(TestHttp admin, String id) {
        assertThat(admin.postJson("/api/v1/workloads/runs/" + id + "/start", "").status()).isEqualTo(200);
        WorkloadRunIT.await(admin, "/api/v1/workloads/runs/" + id, r -> r.path("run").path("state").asString().equals("DONE"),
                Duration.ofMinutes(3));
        return WorkloadRunIT.await(admin, "/api/v1/workloads/runs/" + id + "/analysis",
                x -> x.path("scheduler").path("ended").asBoolean(), Duration.ofMinutes(3));
    }
}
