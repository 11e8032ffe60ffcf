package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The job form and "my jobs" pages as a browser session uses them (cookies, CSRF), on every lab release: choices
 * from the user's associations, the #SBATCH preview, field errors that send nothing, a held job submitted through
 * the form and checked in Slurm, another user's job refused (404, nothing changes), release and cancel by the owner.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubmitPagesIT {

    static final String RUN = "wb3-form-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    static Stream<Named<LabCluster>> labClusters() {
        return TestLab.present().stream().map(c -> Named.of(c.toString(), c));
    }

    private TestHttp session(String slurmUser) {
        TestHttp http = new TestHttp(port);
        assertThat(http.formLogin(TestUsers.ensure(jdbc, passwords, slurmUser), TestUsers.PASSWORD).status()).isEqualTo(302);
        return http;
    }

    private static Map<String, String> form(LabCluster c, String csrf, String name, String timeLimit) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("_csrf", csrf);
        f.put("cluster", c.name());
        f.put("name", name);
        f.put("partition", "cpu");
        f.put("account", "physics");
        f.put("qos", "normal");
        f.put("nodes", "1");
        f.put("tasks", "1");
        f.put("cpusPerTask", "1");
        f.put("memory", "200M");
        f.put("memoryPer", "NODE");
        f.put("timeLimit", timeLimit);
        f.put("begin", "now+1hour");
        f.put("workDir", "/tmp");
        f.put("environment", "WB_A=1\nWB_B=two words");
        f.put("hold", "true");
        f.put("script", "#!/bin/bash\nsleep 30\n");
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void theFormOffersTheUsersChoicesPreviewsChecksAndSubmits(LabCluster c) {
        TestHttp alice = session("alice");
        TestHttp.Response page = alice.get("/submit?cluster=" + c.name());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<option value=\"cpu\"", "<option value=\"gpu\"", "<option value=\"physics\"",
                "<option value=\"gpu\"").doesNotContain("<option value=\"chemistry\"");
        String csrf = TestHttp.csrfOf(page);
        String name = RUN + "-" + c.series();

        TestHttp.Response preview = alice.postForm("/submit/preview", form(c, csrf, name, "1-02:03:04"));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("#!/bin/bash", "#SBATCH --job-name=" + name, "#SBATCH --time=1-02:03:04",
                "#SBATCH --mem=200M", "#SBATCH --hold", "#SBATCH --begin=now+1hour", "#SBATCH --export=&quot;WB_A=1,WB_B=two words&quot;", "sleep 30");

        TestHttp.Response invalid = alice.postForm("/submit", form(c, csrf, name + "-bad", "25:61:00"));
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("id=\"error-timeLimit\"", "id=\"form-invalid\"");
        // the summary names the field as the form labels it (layout :: fieldErrors), not by its internal name
        assertThat(invalid.body()).contains("data-field=\"timeLimit\">Time limit: ").doesNotContain(">timeLimit: ");
        assertThat(LabShell.jobIdsNamed(c, name + "-bad")).isEmpty();

        TestHttp.Response submitted = alice.postForm("/submit", form(c, csrf, name, "2"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(302);
        String location = submitted.header("Location");
        assertThat(location).contains("/submit/jobs/" + c.name() + "/");
        String id = location.substring(location.lastIndexOf('/') + 1);
        Map<String, String> s = LabShell.showJob(c, id);
        assertThat(s).containsEntry("JobName", name).containsEntry("TimeLimit", "00:02:00").containsEntry("Priority", "0")
                .containsEntry("Account", "physics");
        assertThat(s.get("UserId")).startsWith("alice(");
        assertThat(java.time.LocalDateTime.parse(s.get("EligibleTime")).atZone(java.time.ZoneId.systemDefault()).toInstant())
                .as("begin now+1hour").isAfter(java.time.Instant.now().plusSeconds(3000));
        String jobPage = alice.get("/submit/jobs/" + c.name() + "/" + id).body();
        assertThat(jobPage).contains("id=\"job-submitted\"", name, "PENDING", "id=\"job-script\"", "sleep 30");
        assertThat(alice.get("/submit/jobs?cluster=" + c.name()).body()).contains("id=\"job-" + id + "\"");

        // Carol, of another account, neither sees nor touches it (visible-jobs: accounts).
        TestHttp carol = session("carol");
        String carolCsrf = TestHttp.csrfOf(carol.get("/submit?cluster=" + c.name()));
        assertThat(carol.get("/submit/jobs/" + c.name() + "/" + id).status()).isEqualTo(404);
        for (String action : new String[]{"cancel", "release", "hold"}) {
            assertThat(carol.postForm("/submit/jobs/" + c.name() + "/" + id + "/" + action, Map.of("_csrf", carolCsrf)).status())
                    .isEqualTo(404);
        }
        assertThat(carol.get("/submit/jobs?cluster=" + c.name()).body()).doesNotContain("id=\"job-" + id + "\"");
        assertThat(LabShell.showJob(c, id)).containsEntry("JobState", "PENDING").containsEntry("Priority", "0");

        // Without the CSRF token nothing happens either.
        assertThat(alice.postForm("/submit/jobs/" + c.name() + "/" + id + "/cancel", Map.of()).status()).isEqualTo(403);

        TestHttp.Response released = alice.postForm("/submit/jobs/" + c.name() + "/" + id + "/release", Map.of("_csrf", csrf));
        assertThat(released.status()).isEqualTo(302);
        assertThat(LabShell.showJob(c, id).get("Priority")).isNotEqualTo("0");
        assertThat(alice.postForm("/submit/jobs/" + c.name() + "/" + id + "/cancel", Map.of("_csrf", csrf)).status()).isEqualTo(302);
        // A released job may have started: it passes through COMPLETING before it is CANCELLED.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(LabShell.showJob(c, id).get("JobState")).isEqualTo("CANCELLED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void thePagesSpeakChinese(LabCluster c) {
        TestHttp alice = session("alice");
        assertThat(alice.get("/submit?cluster=" + c.name() + "&lang=zh").body()).contains("提交作业", "等价的 sbatch 脚本", "时间限制");
        assertThat(alice.get("/submit/jobs?cluster=" + c.name()).body()).contains("我的作业");
    }

    /**
     * WB-11: a request no node of the partition can hold was sent and pended for ever (PartitionConfig). The lab's
     * nodes have 32 CPUs, 64,000 MB and (g1, g2) 4 GPUs each: the form, the API and a retry in Chinese refuse it on
     * its field, naming the partition and the limit, and nothing reaches Slurm.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void aRequestBeyondThePartitionsNodesIsRefusedNamingTheLimit(LabCluster c) {
        TestHttp alice = session("alice");
        String csrf = TestHttp.csrfOf(alice.get("/submit?cluster=" + c.name()));
        String name = RUN + "-limits-" + c.series();
        Map<String, String> f = form(c, csrf, name, "2");
        f.put("cpusPerTask", "999");
        f.put("memory", "100G");
        TestHttp.Response refused = alice.postForm("/submit?lang=en", f);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"error-cpusPerTask\"", "partition cpu: a node has at most 32 CPUs",
                "id=\"error-memory\"", "partition cpu: a node has at most 62.5 GiB of memory");
        assertThat(alice.postForm("/submit?lang=zh", f).body()).contains("分区 cpu：每个节点最多 32 个 CPU");
        f.put("cpusPerTask", "1");
        f.put("memory", "200M");
        f.put("partition", "gpu");
        f.put("gpus", "5");
        assertThat(alice.postForm("/submit?lang=en", f).body()).contains("id=\"error-gpus\"", "partition gpu: a node has at most 4 GPUs");

        // the API makes the same check (one place): 400 naming the field
        TestHttp.Response api = alice.postJson("/api/v1/clusters/" + c.name() + "/jobs", "{\"name\": \"" + name
                + "\", \"partition\": \"cpu\", \"cpusPerTask\": 999, \"script\": \"#!/bin/bash\\ntrue\\n\", \"timeLimit\": \"1\"}",
                "X-CSRF-TOKEN", csrf);
        assertThat(api.status()).as(api.body()).isEqualTo(400);
        assertThat(api.body()).contains("cpusPerTask", "partition cpu: a node has at most 32 CPUs");
        assertThat(LabShell.jobIdsNamed(c, name)).isEmpty();
    }

    /** WB-11: the account list followed the admin's own associations (ops) whatever "Submit as" said. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void theAccountChoicesFollowSubmitAs(LabCluster c) {
        TestHttp admin = new TestHttp(port);
        assertThat(admin.formLogin("admin", "admin-test-password").status()).isEqualTo(302);
        TestHttp.Response page = admin.get("/submit?cluster=" + c.name());
        assertThat(page.body()).contains("<option value=\"ops\"", "hx-post=\"/submit/choices\"");
        String csrf = TestHttp.csrfOf(page);
        TestHttp.Response asAlice = admin.postForm("/submit/choices", Map.of("_csrf", csrf, "cluster", c.name(), "user", "alice"));
        assertThat(asAlice.status()).isEqualTo(200);
        assertThat(asAlice.body()).contains("id=\"account-qos\"", "<option value=\"physics\"").doesNotContain("<option value=\"ops\"");
        assertThat(admin.postForm("/submit/choices", Map.of("_csrf", csrf, "cluster", c.name(), "user", "")).body())
                .contains("<option value=\"ops\"").doesNotContain("<option value=\"physics\"");
        // a refused form comes back with the chosen user's accounts still offered
        Map<String, String> f = form(c, csrf, RUN + "-as-" + c.series(), "25:61:00");
        f.put("user", "alice");
        assertThat(admin.postForm("/submit", f).body()).contains("<option value=\"physics\" selected")
                .doesNotContain("<option value=\"ops\"");
        // alice herself cannot widen her choices by naming another user
        TestHttp alice = session("alice");
        String aliceCsrf = TestHttp.csrfOf(alice.get("/submit?cluster=" + c.name()));
        assertThat(alice.postForm("/submit/choices", Map.of("_csrf", aliceCsrf, "cluster", c.name(), "user", "carol")).body())
                .contains("<option value=\"physics\"").doesNotContain("<option value=\"chemistry\"");
    }
}
