package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.SyncNow;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * A job stays findable from submit to history on every lab release: followed live to its end, then after slurmctld
 * has forgotten it (MinJobAge lowered for the test), from slurmdbd or the accounting copy, with the state, exit code
 * and elapsed time that {@code sacct} reports; an array's tasks as {@code 123_4} likewise; in "my jobs" once, with no
 * action offered on it; hidden from other users as a job that does not exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobHistoryIT {

    static final String RUN = "wb8-it-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void aJobIsFoundByItsIdThroughItsWholeLife() throws InterruptedException {
        TestHttp alice = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        TestHttp carol = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "carol"), TestUsers.PASSWORD);
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        TestLab.onEveryReleaseAtOnce(c -> followToHistory(c, alice, carol, admin));
    }

    private void followToHistory(LabCluster c, TestHttp alice, TestHttp carol, TestHttp admin) {
        String jobs = "/api/v1/clusters/" + c.name() + "/jobs";
        String failingName = RUN + "-exit3-" + c.series();
        long failing = submit(alice, jobs, failingName, "sleep 2\\nexit 3", ", \"output\": \"/tmp/%x-%j.out\", \"memory\": \"200M\"");
        long array = submit(alice, jobs, RUN + "-array-" + c.series(), "sleep 1", ", \"array\": \"0-2\"");

        JsonNode live = awaitJob(alice, jobs + "/" + failing, j -> j.path("state").asString().equals("FAILED"));
        assertThat(live.path("source").asString()).isEqualTo("SLURMCTLD");
        assertThat(live.path("exitCode").asInt()).isEqualTo(3);
        assertThat(live.path("standardOutput").asString()).isEqualTo("/tmp/" + failingName + "-" + failing + ".out");
        assertThat(live.path("memoryPerNodeMb").asLong()).isEqualTo(200);
        assertThat(live.path("memoryMb").asLong()).isEqualTo(200);
        awaitJob(alice, jobs + "/" + array + "_2", j -> j.path("state").asString().equals("COMPLETED"));

        LabShell.awaitLetGo(c, failing, array);

        // a job's page reads the shared job list, renewed in the background: the first look may still be slurmctld's
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                alice.get(jobs + "/" + failing).json().valueStream().noneMatch(j -> j.path("source").asString().equals("SLURMCTLD"))
                        && alice.get(jobs + "/" + array).json().valueStream().noneMatch(j -> j.path("source").asString().equals("SLURMCTLD")));
        Map<String, String> sacct = sacct(c, Long.toString(failing));
        JsonNode ended = one(alice.get(jobs + "/" + failing));
        assertThat(ended.path("source").asString()).isIn("SLURMDBD", "ACCOUNTING_COPY");
        assertSameAsSacct(c, ended, sacct);

        JsonNode tasks = alice.get(jobs + "/" + array).json();
        assertThat(tasks.valueStream().map(t -> t.path("id").asString()).toList())
                .containsExactlyInAnyOrder(array + "_0", array + "_1", array + "_2");
        JsonNode task = one(alice.get(jobs + "/" + array + "_1"));
        assertThat(task.path("arrayTaskId").asInt()).isEqualTo(1);
        assertSameAsSacct(c, task, sacct(c, array + "_1"));

        // one row each in "my jobs", not offered for actions, refused as "ended" by the API
        List<String> mine = alice.get(jobs + "?days=1").json().valueStream().map(j -> j.path("id").asString()).toList();
        assertThat(mine).containsOnlyOnce(Long.toString(failing), array + "_0", array + "_1", array + "_2");
        assertThat(alice.get(jobs + "?days=1&state=ended&name=" + RUN + "-exit3").json().valueStream()
                .map(j -> j.path("jobId").asLong()).toList()).containsExactly(failing);
        TestHttp.Response cancel = alice.delete(jobs + "/" + failing);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(409);
        assertThat(cancel.json().path("detail").asString()).contains("has ended").contains("FAILED");
        String page = alice.get("/submit/jobs/" + c.name() + "/" + failing).body();
        assertThat(page).contains(RUN + "-exit3-" + c.series()).doesNotContain("id=\"cancel-job\"")
                .doesNotContain("id=\"hold-job\"").doesNotContain("id=\"release-job\"");

        // steps as slurmdbd recorded them, on the API and the page
        JsonNode batch = ended.path("steps").valueStream().filter(st -> st.path("id").asString().equals("batch"))
                .findFirst().orElseThrow(() -> new AssertionError("no batch step in " + ended));
        assertThat(batch.path("state").asString()).isEqualTo("FAILED");
        if (!c.series().equals("22.05")) {
            assertThat(batch.path("exitCode").asInt()).isEqualTo(3);
        }
        String jobPage = alice.get("/submit/jobs/" + c.name() + "/" + failing).body();
        assertThat(jobPage).contains("id=\"step-batch\"", "200 MiB", "id=\"job-source\"");

        String list = alice.get("/submit/jobs?cluster=" + c.name() + "&days=1&state=ended&name=" + RUN).body();
        assertThat(list).contains("id=\"job-" + failing + "\"", "id=\"job-" + array + "\"", "COMPLETED ×3");
        // Chinese by the browser's language, not ?lang=, which would switch the session the other releases' checks share
        assertThat(alice.get("/submit/jobs/table?cluster=" + c.name() + "&days=1&state=FAILED&name=" + RUN,
                "Accept-Language", "zh-CN,zh;q=0.9").body())
                .contains("id=\"job-" + failing + "\"", "失败").doesNotContain("id=\"job-" + array + "\"");
        assertThat(alice.get("/submit/jobs?cluster=" + c.name() + "&days=0").status()).isEqualTo(400);

        // a finished job of another account is a job that does not exist; an admin sees it
        TestHttp.Response foreign = carol.get(jobs + "/" + failing);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain(RUN);
        assertThat(carol.get("/submit/jobs/" + c.name() + "/" + failing).status()).isEqualTo(404);
        assertThat(admin.get(jobs + "/" + failing).status()).isEqualTo(200);
        assertThat(admin.get(jobs + "?user=alice&days=1").json().valueStream().map(j -> j.path("jobId").asLong()).toList())
                .contains(failing);

        // once the copy has it, the copy answers, with the same values
        SyncNow.sync(admin, c.name());
        JsonNode copied = one(alice.get(jobs + "/" + failing));
        assertThat(copied.path("source").asString()).isEqualTo("ACCOUNTING_COPY");
        assertSameAsSacct(c, copied, sacct);
        assertThat(copied.path("nodes").asString()).isEqualTo(sacct.get("NodeList"));

        // a copy whose last sync saw the job running (its end reached slurmdbd after that sync): my jobs still lists
        // it, ended, as slurmdbd says, until the copy's next sync settles it
        java.sql.Timestamp end = jdbc.sql("SELECT end_time FROM acct_job WHERE cluster = ? AND job_id = ?")
                .params(c.name(), failing).query(java.sql.Timestamp.class).single();
        jdbc.sql("UPDATE acct_job SET state = 'RUNNING', end_time = NULL WHERE cluster = ? AND job_id = ?").params(c.name(), failing).update();
        try {
            List<JsonNode> listed = alice.get(jobs + "?days=1&name=" + RUN + "-exit3").json().valueStream().toList();
            assertThat(listed).extracting(j -> j.path("jobId").asLong()).containsExactly(failing);
            assertThat(listed.getFirst().path("state").asString()).isEqualTo("FAILED");
        } finally {
            jdbc.sql("UPDATE acct_job SET state = 'FAILED', end_time = ? WHERE cluster = ? AND job_id = ?")
                    .params(end, c.name(), failing).update();
        }

        assertThat(alice.get(jobs + "/99999999").status()).isEqualTo(404);
        TestHttp.Response bad = alice.get(jobs + "/12x");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("detail").asString()).contains("123+1");
    }

    private static void assertSameAsSacct(LabCluster c, JsonNode job, Map<String, String> sacct) {
        assertThat(job.path("state").asString()).as("state vs sacct %s", sacct).isEqualTo(sacct.get("State"));
        if (c.series().equals("22.05") && sacct.get("State").equals("FAILED")) {
            // 22.05's slurmdbd REST API writes a failed job's exit code as 0; the workbench says "not known" instead
            assertThat(job.path("exitCode").isNull() || job.path("exitCode").isMissingNode()).as("exit code of a failed job on 22.05: %s", job).isTrue();
        } else {
            assertThat(job.path("exitCode").asInt() + ":0").as("exit code vs sacct %s", sacct).isEqualTo(sacct.get("ExitCode"));
        }
        assertThat(job.path("elapsedSeconds").asLong()).as("elapsed vs sacct %s", sacct)
                .isEqualTo(Long.parseLong(sacct.get("ElapsedRaw")));
    }

    /** sacct's own view of one job allocation (its first line). */
    private static Map<String, String> sacct(LabCluster c, String id) {
        List<String> lines = LabShell.lines(c, "sacct", "-j", id, "-X", "-n", "-P", "-o", "State,ExitCode,ElapsedRaw,NodeList");
        assertThat(lines).as("sacct -j %s", id).isNotEmpty();
        String[] f = lines.getFirst().split("\\|", -1);
        return Map.of("State", f[0].split(" ")[0], "ExitCode", f[1], "ElapsedRaw", f[2], "NodeList", f[3]);
    }

    /**
     * A job that starts and ends between two syncs, on a cluster that lets ended jobs go within seconds (MinJobAge 2,
     * as high-throughput sites set it): right after the sync that missed it, only slurmdbd has it, and my jobs shows it.
     */
    @Test
    void aJobEndedJustAfterASyncIsInMyJobsOnceSlurmctldLetsItGo() {
        LabCluster c = TestLab.present().getFirst();
        TestHttp alice = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        String jobs = "/api/v1/clusters/" + c.name() + "/jobs";
        SyncNow.sync(admin, c.name());
        Instant synced = Instant.now();
        long job = submit(alice, jobs, RUN + "-after-sync-" + c.series(), "true", "");
        LabShell.awaitLetGo(c, job);
        // the shared job list may hold it a few seconds longer: listed at every look until slurmdbd's record is shown
        Instant until = Instant.now().plus(Duration.ofMinutes(1));
        String source = "";
        while (!source.equals("SLURMDBD")) {
            assertThat(Instant.now()).as("my jobs shows slurmdbd's record of %s within a minute", job).isBefore(until);
            JsonNode listed = alice.get(jobs + "?days=1").json().valueStream().filter(j -> j.path("jobId").asLong() == job)
                    .findFirst().orElseThrow(() -> new AssertionError(job + " missing from my jobs "
                            + Duration.between(synced, Instant.now()).toSeconds() + " s after a sync"));
            source = listed.path("source").asString();
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    private static long submit(TestHttp who, String jobs, String name, String script, String extra) {
        TestHttp.Response r = who.postJson(jobs, """
                {"name": "%s", "script": "#!/bin/bash\\n%s\\n", "timeLimit": "5"%s}""".formatted(name, script, extra));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("jobId").asLong();
    }

    private static JsonNode one(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().size()).as(r.body()).isEqualTo(1);
        return r.json().get(0);
    }

    private static JsonNode awaitJob(TestHttp who, String path, java.util.function.Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            last[0] = one(who.get(path));
            return done.test(last[0]);
        });
        return last[0];
    }
}
