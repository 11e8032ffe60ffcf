package org.slurmworkbench.workbench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    void onlyAdminsChangeOrSeeRuns() {
        problem(alice.postJson(RUNS, run(cluster, "", job(""))), 403, null);
        TestHttp.Response created = admin.postJson(RUNS, run(cluster, "", job("")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("run").path("id").asString();
        // WB-13: a run (its jobs' users and times) is not for other users: unknown to them, and no list
        problem(alice.get(RUNS + "/" + id), 404, null);
        problem(alice.get(RUNS), 403, null);
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
            TestHttp.Response r = admin.get(page);
            assertThat(r.status()).as("%s: %s", page, r.body()).isEqualTo(200);
            assertThat(r.body()).as(page).contains(expected);
            // WB-13: not for users; a run page answers as for a run that does not exist
            assertThat(alice.get(page).status()).as("alice: %s", page).isEqualTo(page.contains("/runs/") || page.contains("compare") ? 404 : 403);
        });
        assertThat(admin.get("/workloads/runs/" + a).body()).contains("id=\"run-start\"").contains("_csrf");
        assertThat(alice.get("/workloads/runs/nosuchrun").status()).isEqualTo(404);
        admin.postJson(RUNS + "/" + a + "/cancel", "");
        admin.delete(RUNS + "/" + a);
        admin.delete(RUNS + "/" + b);
    }

    private static final String PARAMETERS = """
            {"users":[{"user":"alice","share":1},{"user":"bob","share":1}],"windowSeconds":60,"jobs":12,
             "cpusPerJob":{"type":"FIXED","value":1},"nodesPerJob":{"type":"FIXED","value":1},
             "runSeconds":{"type":"UNIFORM","min":5,"max":10},"arrival":{"process":"UNIFORM"},
             "timeLimitFactor":2.0,"packArrays":false,"seed":5}""";

    /** A cluster of the lab that answers (the first configured one is a dead one, for outage tests). */
    private static String live() {
        return TestLab.present().getFirst().name();
    }

    private Map<String, String> form(String csrf, String... fields) {
        Map<String, String> form = new java.util.HashMap<>(Map.of("_csrf", csrf, "cluster", live(),
                "preset", "scheduler-stress", "jobs", "", "seed", "", "concurrency", "4", "rateLimit", "0", "parameters", ""));
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return form;
    }

    private long runs() {
        return jdbc.sql("SELECT COUNT(*) FROM wl_run").query(Long.class).single();
    }

    @Test
    void theCreateFormPreviewsThePlanBeforeCreatingAndShowsBadInputOnItsFields() {
        TestHttp page = new TestHttp(port);
        assertThat(page.formLogin("admin", "admin-test-password").status()).isEqualTo(302);
        TestHttp.Response list = page.get("/workloads?lang=en");
        assertThat(list.status()).isEqualTo(200);
        // the create button comes with a preview only
        assertThat(list.body()).contains("id=\"create-preview\"", "id=\"create-preview-first\"")
                .doesNotContain("id=\"create-submit\"");
        String csrf = TestHttp.csrfOf(list);
        long before = runs();

        // a preset made smaller, with a seed: totals, the four charts and the create button; nothing stored
        TestHttp.Response preview = page.postForm("/workloads/preview", form(csrf, "jobs", "40", "seed", "7"));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).contains("id=\"plan-preview\"", "id=\"preview-submissions\">40<",
                "id=\"preview-seed\">7<", "id=\"preview-chart-cpus\"", "id=\"preview-chart-runTimes\"",
                "id=\"preview-chart-arrivals\"", "id=\"preview-chart-load\"", "data-chart=\"{&quot;kind&quot;:&quot;bars&quot;",
                "id=\"create-submit\"").doesNotContain("id=\"create-invalid\"");
        // generator parameters as JSON instead of the preset
        TestHttp.Response fromJson = page.postForm("/workloads/preview", form(csrf, "parameters", PARAMETERS));
        assertThat(fromJson.body()).as(fromJson.body()).contains("id=\"preview-submissions\">12<", "id=\"preview-seed\">5<");
        assertThat(runs()).isEqualTo(before);

        // bad numbers: each message on its own field, the form kept, no preview, never the error page
        TestHttp.Response bad = page.postForm("/workloads/preview", form(csrf, "jobs", "abc", "seed", "x",
                "concurrency", "0", "rateLimit", "-1"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"create-invalid\"", "id=\"error-jobs\"", "id=\"error-seed\"",
                "id=\"error-concurrency\"", "id=\"error-rateLimit\"", "must be a whole number", "value=\"abc\"")
                .doesNotContain("id=\"plan-preview\"", "id=\"create-submit\"", "Exception");
        assertThat(page.postForm("/workloads/preview", form(csrf, "jobs", "2000000")).body()).contains("id=\"error-jobs\"");
        assertThat(page.postForm("/workloads/preview", form(csrf, "cluster", "nowhere")).body()).contains("id=\"error-cluster\"");
        assertThat(page.postForm("/workloads/preview", form(csrf, "preset", "nonsense")).body()).contains("id=\"error-preset\"");
        assertThat(page.postForm("/workloads/preview", form(csrf, "parameters", "{not json")).body())
                .contains("id=\"error-parameters\"", "is not valid JSON");
        // what only the cluster can tell, named by the parameter's path, on the parameters field
        TestHttp.Response notTestUser = page.postForm("/workloads/preview", form(csrf, "parameters",
                PARAMETERS.replace("\"bob\"", "\"root\"")));
        assertThat(notTestUser.body()).contains("id=\"error-parameters\"", "users[1].user");

        // creating with bad input: the page again, 400, the message on the field, no run
        TestHttp.Response create = page.postForm("/workloads/runs", form(csrf, "concurrency", "999"));
        assertThat(create.status()).isEqualTo(400);
        assertThat(create.body()).contains("id=\"create-form\"", "id=\"error-concurrency\"", "id=\"runs\"")
                .doesNotContain("Exception");
        assertThat(runs()).isEqualTo(before);

        // in Chinese too
        page.get("/workloads?lang=zh");
        assertThat(page.postForm("/workloads/preview", form(csrf, "jobs", "abc")).body()).contains("必须是整数");
        page.get("/workloads?lang=en");
    }

    @Test
    void thePlanDownloadIsTheGeneratedPlanAsSwf() {
        String cluster = live();
        TestHttp.Response swf = admin.postJson("/api/v1/workloads/plan.swf",
                "{\"cluster\":\"" + cluster + "\",\"parameters\":" + PARAMETERS + "}");
        assertThat(swf.status()).as(swf.body()).isEqualTo(200);
        assertThat(swf.header("Content-Disposition")).contains("plan-" + cluster + "-5.swf");
        assertThat(swf.body()).startsWith("; Version: 2.2\n").contains("; MaxJobs: 12\n");
        assertThat(swf.body().lines().filter(l -> !l.startsWith(";"))).hasSize(12).allMatch(l -> l.split(" ").length == 18);
        problem(admin.postJson("/api/v1/workloads/plan.swf", "{\"cluster\":\"" + cluster + "\",\"parameters\":"
                + PARAMETERS.replace("\"jobs\":12", "\"jobs\":0") + "}"), 400, "parameters.jobs");
    }
}
