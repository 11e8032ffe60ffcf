package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
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
import tools.jackson.databind.JsonNode;

/**
 * The job API on every lab release, checked against Slurm's own {@code scontrol show job}: single, array, GPU,
 * dependent and held jobs as a normal user, followed to COMPLETED; one array task cancelled; hold and release;
 * another user's job neither shown, cancelled nor held; an admin submitting as a test user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobsApiIT {

    static final String RUN = "wb3-it-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    static final List<String[]> SUBMITTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    TestHttp alice;
    TestHttp bob;
    TestHttp carol;
    TestHttp admin;

    @BeforeEach
    void setUp() {
        alice = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        bob = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "bob"), TestUsers.PASSWORD);
        carol = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "carol"), TestUsers.PASSWORD);
        admin = new TestHttp(port).basic("admin", "admin-test-password");
    }

    /** Whatever a test left behind is cancelled in Slurm (as the lab's admin), so the shared lab stays clean. */
    @AfterAll
    static void cancelLeftovers() {
        for (LabCluster c : TestLab.present()) {
            for (String id : SUBMITTED.stream().filter(s -> s[0].equals(c.name())).map(s -> s[1]).toList()) {
                LabShell.run(c, "scancel", id);
            }
        }
    }

    static Stream<Named<LabCluster>> labClusters() {
        return TestLab.present().stream().map(c -> Named.of(c.toString(), c));
    }

    private static String jobs(LabCluster c) {
        return "/api/v1/clusters/" + c.name() + "/jobs";
    }

    /** Submits as {@code who} and answers the job id, failing with the problem details on anything but 201. */
    private long submit(TestHttp who, LabCluster c, String json) {
        TestHttp.Response r = who.postJson(jobs(c), json);
        assertThat(r.status()).as("submit %s -> %s", json, r.body()).isEqualTo(201);
        long id = r.json().path("jobId").asLong();
        assertThat(r.header("Location")).endsWith("/jobs/" + id);
        SUBMITTED.add(new String[]{c.name(), Long.toString(id)});
        return id;
    }

    private static String spec(String name, String script, String extra) {
        return """
                {"name": "%s", "script": "#!/bin/bash\\n%s\\n", "timeLimit": "5"%s}""".formatted(name, script, extra);
    }

    /** Polls the API until the job (or task) satisfies {@code done}; answers its last view. */
    private JsonNode await(TestHttp who, LabCluster c, String id, Predicate<JsonNode> done, Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(until)) {
            TestHttp.Response r = who.get(jobs(c) + "/" + id);
            assertThat(r.status()).as("GET job %s: %s", id, r.body()).isEqualTo(200);
            last = r.json().get(0);
            if (done.test(last)) {
                return last;
            }
            sleep(1000);
        }
        throw new AssertionError("job " + id + " on " + c + " did not get there in " + timeout + "; last seen: " + last);
    }

    private static Predicate<JsonNode> state(String state) {
        return j -> j.path("state").asString().equals(state);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** On every release at once: most of it is waiting for the jobs to end (the dependent one after a 15 s job). */
    @Test
    void singleArrayGpuDependentAndHeldJobsReachSlurmAsSentAndComplete() throws InterruptedException {
        TestLab.onEveryReleaseAtOnce(this::jobsReachSlurmAsSentAndComplete);
    }

    private void jobsReachSlurmAsSentAndComplete(LabCluster c) {
        String name = RUN + "-" + c.series();
        long single = submit(alice, c, spec(name + "-single", "sleep 15", """
                , "partition": "cpu", "account": "physics", "qos": "normal", "cpusPerTask": 2, "memory": "100M",
                "comment": "wb3 single", "environment": {"WB_GREETING": "hello"}"""));
        long array = submit(alice, c, spec(name + "-array", "sleep 1", ", \"array\": \"0-3%2\""));
        long gpu = submit(alice, c, spec(name + "-gpu", "sleep 1", ", \"partition\": \"gpu\", \"qos\": \"gpu\", \"gpus\": 1"));
        long dependent = submit(alice, c, spec(name + "-dep", "true", ", \"dependency\": \"afterok:" + single + "\""));
        long held = submit(alice, c, spec(name + "-held", "true", ", \"hold\": true"));

        Map<String, String> s = LabShell.showJob(c, Long.toString(single));
        assertThat(s).containsEntry("JobName", name + "-single").containsEntry("Partition", "cpu")
                .containsEntry("Account", "physics").containsEntry("QOS", "normal").containsEntry("TimeLimit", "00:05:00")
                .containsEntry("CPUs/Task", "2").containsEntry("Comment", "wb3");
        assertThat(s.get("UserId")).startsWith("alice(");
        assertThat(LabShell.run(c, "scontrol", "show", "job", Long.toString(single))).contains("MinMemoryNode=100M");
        Map<String, String> a = LabShell.showJob(c, Long.toString(array));
        assertThat(a.get("ArrayJobId")).isEqualTo(Long.toString(array));
        assertThat(LabShell.run(c, "scontrol", "show", "job", Long.toString(array))).contains("ArrayTaskThrottle=2");
        Map<String, String> g = LabShell.showJob(c, Long.toString(gpu));
        assertThat(g).containsEntry("Partition", "gpu").containsEntry("QOS", "gpu");
        assertThat(g.get("TresPerNode")).matches("gres[:/]gpu:1");
        assertThat(LabShell.showJob(c, Long.toString(dependent)).get("Dependency")).startsWith("afterok:" + single);
        Map<String, String> h = LabShell.showJob(c, Long.toString(held));
        assertThat(h).containsEntry("JobState", "PENDING").containsEntry("Priority", "0");
        assertThat(h.get("Reason")).isIn("JobHeldUser", "JobHeldAdmin");

        assertThat(alice.postJson(jobs(c) + "/" + held + "/release", "").status()).isEqualTo(204);
        assertThat(LabShell.showJob(c, Long.toString(held)).get("Priority")).isNotEqualTo("0");

        Duration limit = Duration.ofSeconds(120);
        for (long id : List.of(single, gpu, dependent, held)) {
            JsonNode done = await(alice, c, Long.toString(id), state("COMPLETED"), limit);
            assertThat(done.path("exitCode").asInt()).isZero();
            assertThat(LabShell.showJob(c, Long.toString(id)).get("JobState")).isEqualTo("COMPLETED");
        }
        Instant until = Instant.now().plus(limit);
        List<String> states;
        do {
            sleep(1000);
            states = alice.get(jobs(c) + "/" + array).json().valueStream().map(j -> j.path("state").asString()).toList();
        } while (!(states.size() == 4 && states.stream().allMatch("COMPLETED"::equals)) && Instant.now().isBefore(until));
        assertThat(states).as("array tasks of %s", array).hasSize(4).containsOnly("COMPLETED");

        JsonNode mine = alice.get(jobs(c)).json();
        assertThat(mine.valueStream().map(j -> j.path("jobId").asLong()).toList()).contains(single, gpu, dependent, held);
        assertThat(mine.valueStream().map(j -> j.path("user").asString()).distinct().toList()).containsExactly("alice");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void oneArrayTaskIsCancelledAndTheOthersRunOn(LabCluster c) {
        long array = submit(alice, c, spec(RUN + "-cancel-task-" + c.series(), "sleep 60", ", \"array\": \"0-2\""));
        await(alice, c, array + "_1", state("RUNNING"), Duration.ofSeconds(60));

        TestHttp.Response r = alice.get(jobs(c) + "/" + array + "_1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(alice.delete(jobs(c) + "/" + array + "_1").status()).isEqualTo(204);

        await(alice, c, array + "_1", state("CANCELLED"), Duration.ofSeconds(30));
        // slurmctld may still say COMPLETING for a moment while the task's processes end
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(LabShell.showJob(c, array + "_1").get("JobState")).isEqualTo("CANCELLED"));
        assertThat(LabShell.showJob(c, array + "_0").get("JobState")).isIn("RUNNING", "PENDING");

        assertThat(alice.delete(jobs(c) + "/" + array).status()).isEqualTo(204);
        await(alice, c, array + "_0", state("CANCELLED"), Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void aBeginTimeDefersTheJobAndOnlyItsOwnerAndAdminsReadItsScript(LabCluster c) {
        Instant asked = Instant.now().plus(Duration.ofHours(2));
        String script = "#!/bin/bash\necho begin-" + RUN + "\n";
        long job = submit(alice, c, spec(RUN + "-begin-" + c.series(), "echo begin-" + RUN, ", \"begin\": \"now+2hours\""));
        String path = jobs(c) + "/" + job;

        Map<String, String> shown = LabShell.showJob(c, Long.toString(job));
        assertThat(shown).containsEntry("JobState", "PENDING").containsEntry("Reason", "BeginTime");
        Instant eligible = java.time.LocalDateTime.parse(shown.get("EligibleTime")).atZone(java.time.ZoneId.systemDefault()).toInstant();
        assertThat(Duration.between(asked, eligible).abs()).as("EligibleTime %s vs asked %s", eligible, asked)
                .isLessThan(Duration.ofMinutes(2));
        Instant viewed = Instant.parse(alice.get(path).json().get(0).path("eligibleTime").asString());
        assertThat(viewed).isEqualTo(eligible);

        TestHttp.Response own = alice.get(path + "/script");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.header("Content-Type")).startsWith("text/plain");
        assertThat(own.body()).isEqualTo(script);
        assertThat(admin.get(path + "/script").body()).isEqualTo(script);
        TestHttp.Response other = bob.get(path + "/script");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(other.body()).doesNotContain("begin-" + RUN);
        assertThat(alice.get(jobs(c) + "/1/script").status()).as("a job the workbench did not submit").isEqualTo(404);

        for (String bad : List.of("tomorrow", "now+3000days", "2026-13-01", "25:00", "now-1hour")) {
            TestHttp.Response r = alice.postJson(jobs(c), spec(RUN + "-badbegin", "true", ", \"begin\": \"" + bad + "\""));
            assertThat(r.status()).as(bad + " -> " + r.body()).isEqualTo(400);
            assertThat(r.json().path("errors").get(0).path("field").asString()).as(bad).isEqualTo("begin");
        }
        assertThat(alice.delete(path).status()).isEqualTo(204);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void anotherUsersJobIsHiddenOrReadOnly(LabCluster c) {
        long job = submit(alice, c, spec(RUN + "-private-" + c.series(), "sleep 30", ", \"hold\": true"));
        String path = jobs(c) + "/" + job;

        // carol (chemistry) may not see alice's (physics) job under the lab's visible-jobs: accounts
        for (TestHttp.Response r : List.of(carol.get(path), carol.delete(path), carol.postJson(path + "/hold", ""),
                carol.postJson(path + "/release", ""))) {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("alice").doesNotContain(RUN);
        }
        // bob, of alice's account but no coordinator, sees it without its paths and may not act on it
        TestHttp.Response seen = bob.get(path);
        assertThat(seen.status()).as(seen.body()).isEqualTo(200);
        assertThat(seen.json().get(0).path("workDir").isNull()).as(seen.body()).isTrue();
        for (TestHttp.Response r : List.of(bob.delete(path), bob.postJson(path + "/hold", ""), bob.postJson(path + "/release", ""))) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(bob.get(jobs(c)).json().valueStream().map(j -> j.path("jobId").asLong()).toList()).doesNotContain(job);
        assertThat(bob.get(jobs(c) + "?user=alice").status()).isEqualTo(403);
        Map<String, String> still = LabShell.showJob(c, Long.toString(job));
        assertThat(still).containsEntry("JobState", "PENDING").containsEntry("Priority", "0");

        // Alice releases and holds it again; bob's release attempt above changed nothing.
        assertThat(alice.postJson(path + "/release", "").status()).isEqualTo(204);
        assertThat(LabShell.showJob(c, Long.toString(job)).get("Priority")).isNotEqualTo("0");
        assertThat(alice.postJson(path + "/hold", "").status()).isEqualTo(204);
        assertThat(LabShell.showJob(c, Long.toString(job)).get("Priority")).isEqualTo("0");

        // An admin sees and cancels anyone's job.
        assertThat(admin.get(jobs(c) + "?user=alice").json().valueStream().map(j -> j.path("jobId").asLong()).toList())
                .contains(job);
        assertThat(admin.get(path).status()).isEqualTo(200);
        assertThat(admin.delete(path).status()).isEqualTo(204);
        assertThat(LabShell.showJob(c, Long.toString(job)).get("JobState")).isEqualTo("CANCELLED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void anAdminSubmitsAsAConfiguredTestUserOnly(LabCluster c) {
        String name = RUN + "-as-carol-" + c.series();
        TestHttp.Response r = admin.postJson(jobs(c), spec(name, "true", ", \"user\": \"carol\", \"hold\": true"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("user").asString()).isEqualTo("carol");
        SUBMITTED.add(new String[]{c.name(), r.json().path("jobId").asString()});
        assertThat(LabShell.showJob(c, r.json().path("jobId").asString()).get("UserId")).startsWith("carol(");

        TestHttp.Response notTest = admin.postJson(jobs(c), spec(name + "-root", "true", ", \"user\": \"root\""));
        assertThat(notTest.status()).isEqualTo(400);
        assertThat(notTest.json().path("errors").get(0).path("field").asString()).isEqualTo("user");
        TestHttp.Response notAdmin = alice.postJson(jobs(c), spec(name + "-bob", "true", ", \"user\": \"bob\""));
        assertThat(notAdmin.status()).isEqualTo(400);
        assertThat(notAdmin.json().path("errors").get(0).path("field").asString()).isEqualTo("user");
        assertThat(LabShell.jobIdsNamed(c, name + "-root")).isEmpty();
        assertThat(LabShell.jobIdsNamed(c, name + "-bob")).isEmpty();
        admin.delete(jobs(c) + "/" + r.json().path("jobId").asString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void slurmsOwnRefusalIsShownInPlainWordsWithItsNumber(LabCluster c) {
        // Syntactically fine, within the partition's limits that the app checks, but a GPU type no node has: only
        // Slurm can say no (2014, "Requested node configuration is not available", on every lab release).
        TestHttp.Response r = alice.postJson(jobs(c), spec(RUN + "-no-such-gpu-" + c.series(), "true",
                ", \"partition\": \"gpu\", \"qos\": \"gpu\", \"gpus\": 1, \"gpuType\": \"nosuch\""));
        assertThat(r.status()).as(r.body()).isBetween(400, 499);
        assertThat(r.json().path("slurmError").asInt()).as(r.body()).isEqualTo(2014);
        assertThat(r.json().path("detail").asString()).isNotBlank().doesNotContain("\tat ");
    }
}
