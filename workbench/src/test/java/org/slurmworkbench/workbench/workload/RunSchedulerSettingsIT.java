package org.slurmworkbench.workbench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * ({@code lab sched --set}, always reset afterwards): the comparison shows the configuration that differed, and the
 * second run's backfill cycles are fewer and within what {@code sdiag} counted around it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "workbench.workload.diag-step=5s")
class RunSchedulerSettingsIT {

    @LocalServerPort
    int port;

    @Test
    void theSamePlanUnderAnotherBackfillIntervalShowsTheDifferenceInCompare() {
        LabCluster lab = TestLab.present().stream().filter(l -> l.series().equals("26.05")).findFirst().orElseThrow();
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        TestHttp.Response created = admin.postJson("/api/v1/workloads/runs",
                TestPlans.request(lab.name(), 11, 8, 1, 2, 10, 14, 12, 4));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String a = created.json().path("run").path("id").asString();
        JsonNode first = runToTheEnd(admin, a);
        String b;
        JsonNode second;
        Sdiag before;
        Sdiag after;
        try {
            LabShell.lab("sched", "--release", "26.05", "--set", "bf_interval=30");
            assertThat(LabShell.run(lab, "scontrol", "show", "config")).containsPattern("SchedulerParameters\\s*=.*bf_interval=30");
            TestHttp.Response repeated = admin.postJson("/api/v1/workloads/runs/" + a + "/repeat", "");
            assertThat(repeated.status()).as(repeated.body()).isEqualTo(201);
            b = repeated.json().path("run").path("id").asString();
            before = Sdiag.read(lab);
            second = runToTheEnd(admin, b);
            after = Sdiag.read(lab);
        } finally {
            LabShell.lab("sched", "--release", "26.05", "--reset");
        }
        assertThat(LabShell.run(lab, "scontrol", "show", "config")).containsPattern("SchedulerParameters\\s*=.*bf_interval=5\\b");

        TestHttp.Response compared = admin.get("/api/v1/workloads/compare?a=" + a + "&b=" + b);
        assertThat(compared.status()).as(compared.body()).isEqualTo(200);
        Map<String, JsonNode> settings = new HashMap<>();
        compared.json().path("settings").forEach(s -> settings.put(s.path("setting").asString(), s));
        // other engineers' tests may change a QOS or a partition meanwhile: only the configuration is ours to check
        assertThat(settings.keySet().stream().filter(k -> k.startsWith("conf.") || k.equals("release")))
                .as("of the configuration, only the scheduler parameters differ").containsExactly("conf.SchedulerParameters");
        assertThat(settings.get("conf.SchedulerParameters").path("a").asString()).contains("bf_interval=5");
        assertThat(settings.get("conf.SchedulerParameters").path("b").asString()).contains("bf_interval=30");
        assertThat(compared.json().path("settingsNotes")).isEmpty();

        long bfA = first.path("scheduler").path("backfillCycles").asLong();
        long bfB = second.path("scheduler").path("backfillCycles").asLong();
        assertThat(bfB).as("backfill cycles with bf_interval=30 (%s) against 5 (%s)", bfB, bfA).isLessThan(bfA);
        assertThat(bfB).isBetween(0L, after.get("backfill|Total cycles") - before.get("backfill|Total cycles"));
        Map<String, JsonNode> sched = new HashMap<>();
        compared.json().path("scheduler").forEach(s -> sched.put(s.path("metric").asString(), s));
        assertThat(sched.get("backfillCycles").path("diff").asDouble()).isEqualTo((double) (bfB - bfA));
    }

    private static JsonNode runToTheEnd(TestHttp admin, String id) {
        assertThat(admin.postJson("/api/v1/workloads/runs/" + id + "/start", "").status()).isEqualTo(200);
        WorkloadRunIT.await(admin, "/api/v1/workloads/runs/" + id, r -> r.path("run").path("state").asString().equals("DONE"),
                Duration.ofMinutes(3));
        return WorkloadRunIT.await(admin, "/api/v1/workloads/runs/" + id + "/analysis",
                x -> x.path("scheduler").path("ended").asBoolean(), Duration.ofMinutes(3));
    }
}
