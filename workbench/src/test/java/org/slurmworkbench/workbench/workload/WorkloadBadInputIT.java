package org.slurmworkbench.workbench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.submit.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * Bad input to the workload API answers 400 naming the field, 403 for non-admins' writes, 404 for unknown runs and
 * 409 for actions a run's state does not allow: problem details every time, never a 500. Nothing here reaches Slurm.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkloadBadInputIT {

    private static final String RUNS = "/api/v1/workloads/runs";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    TestHttp admin;
    TestHttp alice;
    String cluster;

    @BeforeEach
    void setUp() {
        admin = new TestHttp(port).basic("admin", "admin-test-password");
        alice = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        cluster = admin.get("/api/v1/clusters").json().get(0).path("name").asString();
    }

    private static String job(String fields) {
        return "{\"user\":\"alice\",\"cpus\":1,\"runSeconds\":1" + fields + "}";
    }

    private static String run(String cluster, String extra, String... jobs) {
        return "{\"cluster\":\"" + cluster + "\"" + extra + ",\"jobs\":[" + String.join(",", jobs) + "]}";
    }

    /** Asserts a problem-details answer with this status and, for a 400, the named field. */
    private static JsonNode problem(TestHttp.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = r.json();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (field != null) {
            assertThat(body.path("errors").findValuesAsString("field")).as(r.body()).contains(field);
        }
        return body;
    }

    @Test
    void invalidRunsAreRefusedNamingTheField() {
        problem(admin.postJson(RUNS, run("no-such-cluster", "", job(""))), 400, "cluster");
        problem(admin.postJson(RUNS, run(cluster, "", job(",\"user\":\"root\"").replace("\"user\":\"alice\",", ""))),
                400, "jobs[0].user");
        problem(admin.postJson(RUNS, run(cluster, ",\"concurrency\":-3", job(""))), 400, "concurrency");
        problem(admin.postJson(RUNS, run(cluster, ",\"rateLimit\":-1", job(""))), 400, "rateLimit");
        problem(admin.postJson(RUNS, run(cluster, "", job(",\"cpus\":0").replace("\"cpus\":1,", ""))), 400, "jobs[0].cpus");
        problem(admin.postJson(RUNS, run(cluster, "", job(",\"submitOffsetMillis\":-5"))), 400, "jobs[0].submitOffsetMillis");
        problem(admin.postJson(RUNS, run(cluster, "", job(",\"seq\":1"), job(",\"seq\":1"))), 400, "jobs[1].seq");
        problem(admin.postJson(RUNS, run(cluster, "")), 400, "jobs");
        problem(admin.postJson(RUNS, "{\"cluster\":\"" + cluster + "\"}"), 400, "jobs");
        problem(admin.postJson(RUNS, "{\"cluster\": 12, \"jobs\": \"many\"}"), 400, null);
        problem(admin.postJson(RUNS, "{not json"), 400, null);
        problem(admin.postJson(RUNS, run(cluster, "", job(",\"cpus\":\"four\"").replace("\"cpus\":1,", ""))), 400, null);
    }

    @Test
    void onlyAdminsChangeRunsAndEveryoneLoggedInMayLook() {
        problem(alice.postJson(RUNS, run(cluster, "", job(""))), 403, null);
        TestHttp.Response created = admin.postJson(RUNS, run(cluster, "", job("")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("run").path("id").asString();
        assertThat(alice.get(RUNS + "/" + id).status()).isEqualTo(200);
        assertThat(alice.get(RUNS).status()).isEqualTo(200);
        for (String action : new String[]{"start", "pause", "resume", "cancel"}) {
            problem(alice.postJson(RUNS + "/" + id + "/" + action, ""), 403, null);
        }
        problem(alice.delete(RUNS + "/" + id), 403, null);
        assertThat(new TestHttp(port).get(RUNS).status()).isEqualTo(401);

        // not started: pause and resume do not apply; cancel ends it at once; a cancelled run cannot start
        problem(admin.postJson(RUNS + "/" + id + "/pause", ""), 409, null);
        problem(admin.postJson(RUNS + "/" + id + "/resume", ""), 409, null);
        TestHttp.Response cancelled = admin.postJson(RUNS + "/" + id + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("run").path("state").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().path("progress").path("cancelled").asLong()).isEqualTo(1);
        problem(admin.postJson(RUNS + "/" + id + "/start", ""), 409, null);
        assertThat(admin.delete(RUNS + "/" + id).status()).isEqualTo(204);
        problem(admin.get(RUNS + "/" + id), 404, null);
    }

    @Test
    void unknownRunsAre404AndBadAnalysisParametersAre400() {
        problem(admin.get(RUNS + "/nosuchrun"), 404, null);
        problem(admin.postJson(RUNS + "/nosuchrun/start", ""), 404, null);
        problem(admin.delete(RUNS + "/nosuchrun"), 404, null);
        problem(admin.get(RUNS + "/nosuchrun/analysis"), 404, null);
        problem(admin.get("/api/v1/workloads/compare?a=nosuchrun&b=other"), 404, null);
        problem(admin.get("/api/v1/workloads/compare?a=x"), 400, null);
        TestHttp.Response created = admin.postJson(RUNS, run(cluster, "", job("")));
        String id = created.json().path("run").path("id").asString();
        problem(admin.get(RUNS + "/" + id + "/analysis.csv?part=everything"), 400, "part");
        TestHttp.Response analysis = admin.get(RUNS + "/" + id + "/analysis");
        assertThat(analysis.status()).as(analysis.body()).isEqualTo(200);
        assertThat(analysis.json().path("metrics").path("all").path("jobs").asLong()).isZero();
        admin.postJson(RUNS + "/" + id + "/cancel", "");
        admin.delete(RUNS + "/" + id);
    }

    @Test
    void pagesRenderForEveryRunStateTheyCanBeIn() {
        String a = admin.postJson(RUNS, run(cluster, "", job(""))).json().path("run").path("id").asString();
        String b = admin.postJson(RUNS, run(cluster, "", job(""), job(""))).json().path("run").path("id").asString();
        admin.postJson(RUNS + "/" + b + "/cancel", "");
        Map<String, String> pages = Map.of("/workloads", a, "/workloads/runs/" + a, "run-progress",
                "/workloads/runs/" + b, "run-progress", "/workloads/runs/" + a + "/progress", "count-planned",
                "/workloads/runs/" + b + "/analysis", "metrics-table", "/workloads/compare?a=" + a + "&b=" + b,
                "compare-table", "/workloads/fragments/runs", b);
        pages.forEach((page, expected) -> {
            TestHttp.Response r = alice.get(page);
            assertThat(r.status()).as("%s: %s", page, r.body()).isEqualTo(200);
            assertThat(r.body()).as(page).contains(expected);
        });
        assertThat(admin.get("/workloads/runs/" + a).body()).contains("id=\"run-start\"").contains("_csrf");
        assertThat(alice.get("/workloads/runs/" + a).body()).doesNotContain("id=\"run-start\"");
        assertThat(alice.get("/workloads/runs/nosuchrun").status()).isEqualTo(404);
        admin.postJson(RUNS + "/" + a + "/cancel", "");
        admin.delete(RUNS + "/" + a);
        admin.delete(RUNS + "/" + b);
    }
}
