package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A pending job's priority on the job page, in the job API and in the queue equals what {@code squeue -o %Q} prints,
 * on every release: a held job (priority 0) and one waiting for its begin time (a priority from the multifactor
 * plugin). The priority moves with age, so squeue is read before and after the app and the app's value must be one of
 * the two. Both jobs are cancelled in a finally block.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobPriorityIT {

    static final String RUN = "wb10-prio-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    @LocalServerPort
    int port;

    @Test
    void aPendingJobsPriorityIsWhatSqueuePrints() throws InterruptedException {
        TestLab.onEveryReleaseAtOnce(lab -> {
            TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
            String name = RUN + "-" + lab.series().replace(".", "");
            String held = LabShell.sbatch(lab, "alice", name, "-H");
            String later = LabShell.sbatch(lab, "alice", name, "--begin=now+1hour");
            try {
                for (String id : List.of(held, later)) {
                    String what = lab + " job " + id;
                    long before = squeuePriority(lab, id);
                    JsonNode record = admin.get("/api/v1/clusters/" + lab.name() + "/jobs/" + id).json().get(0);
                    String page = admin.get("/submit/jobs/" + lab.name() + "/" + id + "?lang=en").body();
                    JsonNode row = queueRow(admin, lab, name, id);
                    long after = squeuePriority(lab, id);
                    assertThat(record.path("state").asString()).as(what).isEqualTo("PENDING");
                    assertThat(record.path("priority").asLong()).as("%s API priority", what).isIn(before, after);
                    assertThat(row.path("priority").asLong()).as("%s queue priority", what).isIn(before, after);
                    String shown = page.replaceAll("(?s).*id=\"job-priority-value\">(\\d+)<.*", "$1");
                    assertThat(shown).as("%s page priority", what).matches("\\d+");
                    assertThat(Long.parseLong(shown)).as("%s page priority", what).isIn(before, after);
                    if (id.equals(held)) {
                        assertThat(before).as("held: priority 0").isZero();
                    } else {
                        assertThat(before).as("%s: multifactor priority", what).isPositive();
                    }
                }
            } finally {
                LabShell.run(lab, "scancel", held, later);
            }
        });
    }

    private static long squeuePriority(LabCluster lab, String id) {
        List<String> out = LabShell.lines(lab, "squeue", "-h", "-j", id, "-o", "%Q");
        assertThat(out).as("%s squeue -j %s -o %%Q", lab, id).hasSize(1);
        return Long.parseLong(out.getFirst());
    }

    /** The job's row in the queue, once the shared job list (a few seconds old at most) has it. */
    private static JsonNode queueRow(TestHttp admin, LabCluster lab, String name, String id) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            TestHttp.Response r = admin.get("/api/v1/clusters/" + lab.name() + "/queue?state=all&name=" + name);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.body().split("\"priority\":", -1).length - 1).as("priority written once per row")
                    .isEqualTo(r.json().path("jobs").size());
            for (JsonNode j : r.json().path("jobs")) {
                if (j.path("id").asString().equals(id)) {
                    return j;
                }
            }
            assertThat(System.currentTimeMillis()).as("%s: job %s in the queue", lab, id).isLessThan(deadline);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
