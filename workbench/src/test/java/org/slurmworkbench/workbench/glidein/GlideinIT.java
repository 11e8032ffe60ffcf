package org.slurmworkbench.workbench.glidein;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * Glidein pilots end to end on Slurm 24.11 with the lab's real HTCondor pool (started here by {@code lab condor up},
 * which CI does not do): alice asks the factory API for 2 pilots, both join the pool (condor_status), bob's HTCondor
 * job runs on one and completes, and the pilots leave by themselves after their idle timeout and end COMPLETED.
 * Also: one request through the form, another user neither seeing nor cancelling it, and malformed requests each
 * answered 400 naming the field with nothing sent to Slurm; the pool token never in an answer or the app's log.
 * Skipped (an assumption) when lab2411 is absent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class GlideinIT {

    static final String TAG = "wbglideinit" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    static final List<Long> ARRAYS = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final List<String> CONDOR_JOBS = new java.util.concurrent.CopyOnWriteArrayList<>();
    static LabCluster lab;
    static Map<String, String> condor;
    static String token;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    TestHttp alice;
    TestHttp bob;
    TestHttp admin;

    @BeforeAll
    static void pool() throws IOException {
        lab = TestLab.present().stream().filter(c -> c.series().equals("24.11")).findFirst().orElse(null);
        Assumptions.assumeTrue(lab != null, "no lab 24.11 cluster: the HTCondor pool runs only beside it");
        LabShell.lab("condor", "up"); // idempotent: installs and starts the pool once, reconfigures after
        condor = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(LabCluster.ROOT, "24.11", "condor.env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                condor.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        // The token is stored with the Slurm job: short-lived, yet longer than the pilots live.
        token = LabShell.lab("condor", "token", "--lifespan", "1200").lines().map(String::strip)
                .filter(l -> l.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")).reduce((a, b) -> b).orElseThrow();
    }

    @BeforeEach
    void users() {
        alice = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        bob = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "bob"), TestUsers.PASSWORD);
        admin = new TestHttp(port).basic("admin", "admin-test-password");
    }

    /** Whatever a failed test left running or queued is cancelled, so the shared lab and pool stay clean. */
    @AfterAll
    static void cancelLeftovers() {
        if (lab != null) {
            ARRAYS.forEach(id -> LabShell.run(lab, "scancel", Long.toString(id)));
            CONDOR_JOBS.forEach(id -> LabShell.run(lab, "condor_rm", id));
        }
    }

    private String api() {
        return "/api/v1/clusters/" + lab.name() + "/glideins";
    }

    /** A valid request for the lab's pool; {@code extra} adds or replaces fields (JSON members, leading comma). */
    private String request(int count, String extra) {
        return """
                {"pool": "lab2411", "collector": "%s", "token": "%s", "count": %d, "cpus": 2, "memoryMb": 2000,
                 "lifetime": "10", "idle": 30, "updateInterval": 10, "partition": "cpu", "site": "WB_LAB",
                 "attributes": {"WB_Test": "\\"%s\\"", "GLIDEIN_ResourceName": "\\"lab2411-cpu\\""},
                 "networkInterface": "127.0.0.1", "portRange": "9619-9699"%s}"""
                .formatted(condor.get("COLLECTOR"), token, count, TAG, extra);
    }

    @Test
    void pilotsFromTheApiJoinThePoolRunAJobOfBobAndLeaveByThemselves(CapturedOutput log) throws IOException {
        // bob's vanilla HTCondor job waits in the schedd first, as the work a factory sends pilots for does; queued
        // after the slots appear, a slow negotiation cycle on a loaded machine could outlast the pilots' idle timeout.
        String work = "/tmp/" + TAG;
        Path chrootWork = Path.of(condor.get("CONDOR_CHROOT") + work);
        String submitUser = condor.getOrDefault("SUBMIT_USER", "bob");
        LabShell.run(lab, "install", "-d", "-o", submitUser, "-m", "0755", work);
        Files.writeString(chrootWork.resolve("job.sub"), """
                universe = vanilla
                executable = /bin/hostname
                transfer_executable = false
                should_transfer_files = YES
                output = %1$s/out
                error = %1$s/err
                log = %1$s/log
                request_cpus = 1
                request_memory = 100
                requirements = (TARGET.WB_Test =?= "%2$s")
                job_machine_attrs = GLIDEIN_SlurmArrayJobId GLIDEIN_SlurmArrayTaskId
                +WantDelayedUpdates = false
                queue
                """.formatted(work, TAG));
        String submitted = LabShell.run(lab, "--user", submitUser, "condor_submit", "-terse", work + "/job.sub");
        String condorJob = submitted.strip().split("\\s+")[0].replaceAll("\\..*", "");
        assertThat(condorJob).as(submitted).matches("\\d+");
        CONDOR_JOBS.add(condorJob);

        TestHttp.Response created = alice.postJson(api(), request(2, ""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode g = created.json();
        long id = g.path("id").asLong();
        long array = g.path("arrayJobId").asLong();
        ARRAYS.add(array);
        assertThat(created.header("Location")).endsWith("/glideins/" + id);
        assertThat(created.body()).doesNotContain(token);
        assertThat(g.path("credential").asString()).isEqualTo("token");

        Map<String, String> job = LabShell.showJob(lab, Long.toString(array));
        assertThat(job).containsEntry("JobName", "wb-glidein-" + id).containsEntry("Partition", "cpu")
                .containsEntry("ArrayJobId", Long.toString(array));
        assertThat(job.get("UserId")).startsWith("alice(");
        assertThat(LabShell.run(lab, "scontrol", "show", "job", Long.toString(array))).contains("MinCPUsNode=2");

        JsonNode running = await(() -> alice.get(api() + "/" + id), p -> count(p, "RUNNING") == 2, Duration.ofSeconds(60));
        for (JsonNode pilot : running.path("pilots")) {
            assertThat(pilot.path("node").asString()).isNotBlank();
            assertThat(pilot.path("id").asString()).startsWith(array + "_");
        }

        // Both slots in the pool, each naming a task of this array.
        List<String> slots = awaitLines(() -> LabShell.lines(lab, "condor_status", "-constraint",
                "GLIDEIN_SlurmArrayJobId == " + array, "-af", "Name", "GLIDEIN_SlurmArrayTaskId", "GLIDEIN_Site", "WB_Test"),
                l -> l.size() == 2, Duration.ofSeconds(60));
        assertThat(slots).allSatisfy(s -> assertThat(s).contains("WB_LAB").contains(TAG));
        assertThat(slots.stream().map(s -> s.split("\\s+")[1]).sorted().toList()).containsExactly("0", "1");

        // bob's job runs on one of them.
        LabShell.run(lab, "--user", submitUser, "condor_reschedule");
        try {
            awaitLines(() -> logLines(chrootWork.resolve("log")), l -> l.stream().anyMatch(s -> s.startsWith("005 ")),
                    Duration.ofSeconds(90));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\ncondor_q: " + LabShell.run(lab, "condor_q", "-better-analyze",
                    condorJob) + "\ncondor_status: " + LabShell.run(lab, "condor_status", "-long", "-constraint",
                    "GLIDEIN_SlurmArrayJobId == " + array), e);
        }
        CONDOR_JOBS.remove(condorJob);
        List<String> history = awaitLines(() -> LabShell.lines(lab, "condor_history", "-limit", "1", condorJob, "-af",
                "Owner", "ExitCode", "MachineAttrGLIDEIN_SlurmArrayJobId0"), l -> !l.isEmpty(), Duration.ofSeconds(20));
        assertThat(history.getFirst().split("\\s+")).containsExactly(submitUser, "0", Long.toString(array));
        assertThat(Files.readString(chrootWork.resolve("out"))).isNotBlank();

        // Idle for 30 s, the pilots leave the pool and end COMPLETED in Slurm.
        awaitLines(() -> LabShell.lines(lab, "condor_status", "-constraint", "GLIDEIN_SlurmArrayJobId == " + array, "-af", "Name"),
                List::isEmpty, Duration.ofSeconds(150));
        JsonNode ended = await(() -> alice.get(api() + "/" + id),
                p -> p.path("pilots").size() == 2 && !p.path("active").asBoolean(), Duration.ofSeconds(60));
        for (JsonNode pilot : ended.path("pilots")) {
            assertThat(pilot.path("state").asString()).as(pilot.toString()).isEqualTo("COMPLETED");
            assertThat(pilot.path("exitCode").asInt()).isZero();
        }
        ARRAYS.remove(array);
        LabShell.run(lab, "rm", "-rf", work);

        // alice's list has it; bob's has not; the admin's has it.
        assertThat(ids(alice.get(api()))).contains(id);
        assertThat(ids(bob.get(api()))).doesNotContain(id);
        assertThat(ids(admin.get(api()))).contains(id);
        assertThat(log.getAll()).contains("glidein request " + id).doesNotContain(token);
    }

    @Test
    void aFormRequestIsTheOwnersOnlyAndCanBeCancelled(CapturedOutput log) {
        TestHttp browser = new TestHttp(port);
        assertThat(browser.formLogin(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD).status()).isEqualTo(302);
        TestHttp.Response page = browser.get("/glideins?cluster=" + lab.name());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"glidein-form\"").contains("id=\"preview\"");
        // WB-11: the job form's choices (one shared fragment), not free text; the pilot script folded away
        assertThat(page.body()).contains("<select id=\"partition\" name=\"partition\"", "<option value=\"cpu\"",
                "<select id=\"account\" name=\"account\"", "<option value=\"physics\"", "<select id=\"qos\" name=\"qos\"",
                "<details class=\"card pilot-script\" id=\"pilot-script\">").doesNotContain("<option value=\"chemistry\"");
        String csrf = TestHttp.csrfOf(page);
        Map<String, String> form = new LinkedHashMap<>(Map.of("_csrf", csrf, "cluster", lab.name(), "pool", "lab2411",
                "collector", condor.get("COLLECTOR"), "token", token, "count", "1", "cpus", "1", "memoryMb", "500",
                "lifetime", "5", "idle", "600"));
        form.putAll(Map.of("updateInterval", "10", "partition", "cpu", "attributes", "WB_Test = \"" + TAG + "-form\"",
                "networkInterface", "127.0.0.1", "portRange", "9619-9699", "workDir", "/tmp"));

        TestHttp.Response preview = browser.postForm("/glideins/preview", form);
        assertThat(preview.body()).contains("export GLIDEIN_COLLECTOR=&#39;" + condor.get("COLLECTOR"))
                .contains("GLIDEIN_EXTRA_ATTRS").contains("condor_master").doesNotContain(token);

        Map<String, String> bad = new LinkedHashMap<>(form);
        bad.put("count", "0");
        TestHttp.Response invalid = browser.postForm("/glideins", bad);
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("id=\"error-count\"").doesNotContain(token);

        TestHttp.Response sent = browser.postForm("/glideins", form);
        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        String location = java.net.URI.create(sent.header("Location")).getPath();
        assertThat(location).matches("/glideins/" + lab.name() + "/\\d+");
        long id = Long.parseLong(location.replaceAll(".*/", ""));
        JsonNode g = alice.get(api() + "/" + id).json();
        long array = g.path("arrayJobId").asLong();
        ARRAYS.add(array);
        assertThat(LabShell.showJob(lab, Long.toString(array))).containsEntry("JobName", "wb-glidein-" + id);
        TestHttp.Response view = browser.get(location);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body()).contains("id=\"array-job\">" + array + "<").contains("id=\"pilots\"");

        // Another user sees nothing and cancels nothing: the same 404 as for no such request.
        assertThat(bob.get(api() + "/" + id).status()).isEqualTo(404);
        assertThat(bob.delete(api() + "/" + id).status()).isEqualTo(404);
        assertThat(bob.get(location).status()).isEqualTo(404);
        assertThat(bob.get(api() + "/999999999").status()).isEqualTo(404);
        assertThat(LabShell.showJob(lab, Long.toString(array)).get("JobState")).isIn("PENDING", "RUNNING");

        assertThat(alice.delete(api() + "/" + id).status()).isEqualTo(204);
        JsonNode cancelled = await(() -> alice.get(api() + "/" + id), p -> !p.path("active").asBoolean(), Duration.ofSeconds(60));
        assertThat(cancelled.hasNonNull("cancelledAt")).isTrue();
        assertThat(cancelled.path("pilots")).allSatisfy(p -> assertThat(p.path("state").asString()).isEqualTo("CANCELLED"));
        ARRAYS.remove(array);
        assertThat(log.getAll()).contains("Cancelled glidein request " + id).doesNotContain(token);
    }

    @Test
    void malformedRequestsAreRefusedNamingTheFieldNothingReachesSlurmAndTheApiIsDescribed() {
        long storedBefore = stored();
        List<String> jobsBefore = pilotJobs();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(",\"collector\": \"no-port\"", "collector");
        cases.put(",\"collector\": \"cm.example.org:99999\"", "collector");
        cases.put(",\"collector\": \"bad host:9618\"", "collector");
        cases.put(",\"count\": 0", "count");
        cases.put(",\"count\": 100000", "count");
        cases.put(",\"count\": \"two\"", "count");
        cases.put(",\"cpus\": -1", "cpus");
        cases.put(",\"gpus\": -2", "gpus");
        cases.put(",\"idle\": 1", "idle");
        cases.put(",\"attributes\": {\"1bad\": \"1\"}", "attributes");
        cases.put(",\"attributes\": {\"Bad-Name\": \"1\"}", "attributes");
        cases.put(",\"attributes\": {\"START\": \"True\"}", "attributes");
        cases.put(",\"attributes\": {\"SEC_DEFAULT_AUTHENTICATION\": \"OPTIONAL\"}", "attributes");
        cases.put(",\"attributes\": {\"X\": \"\\\"unclosed\"}", "attributes");
        cases.put(",\"attributes\": {\"X\": \"1; START = True\"}", "attributes");
        cases.put(",\"token\": null", "token");
        cases.put(",\"tokenFile\": \"/home/alice/token\"", "token");
        cases.put(",\"token\": \"not a token\"", "token");
        cases.put(",\"tokenFile\": \"relative/path\", \"token\": null", "tokenFile");
        cases.put(",\"partition\": \"nosuch\"", "partition");
        cases.put(",\"qos\": \"nosuchqos\"", "qos");
        cases.put(",\"lifetime\": \"abc\"", "lifetime");
        cases.put(",\"lifetime\": \"UNLIMITED\", \"partition\": \"cpu\"", "lifetime");
        cases.put(",\"site\": \"a\\\"b\"", "site");
        cases.put(",\"portRange\": \"9700-9600\"", "portRange");
        cases.put(",\"pool\": \"\"", "pool");
        List<String> failures = new ArrayList<>();
        cases.forEach((extra, field) -> {
            TestHttp.Response r = alice.postJson(api(), request(1, extra));
            List<String> fields = new ArrayList<>();
            r.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            if (r.status() != 400 || fields.stream().noneMatch(f -> f.startsWith(field))) {
                failures.add(extra + " -> " + r.status() + " " + r.body());
            }
            assertThat(r.body()).doesNotContain(token);
        });
        assertThat(failures).isEmpty();
        assertThat(stored()).isEqualTo(storedBefore);
        assertThat(pilotJobs()).isEqualTo(jobsBefore);

        JsonNode paths = alice.get("/v3/api-docs").json().path("paths");
        assertThat(paths.has("/api/v1/clusters/{cluster}/glideins")).isTrue();
        assertThat(paths.has("/api/v1/clusters/{cluster}/glideins/{id}")).isTrue();
    }

    private long stored() {
        return jdbc.sql("SELECT COUNT(*) FROM glidein_requests").query(Long.class).single();
    }

    /** Every wb-glidein job slurmctld holds, of any user. */
    private List<String> pilotJobs() {
        return LabShell.lines(lab, "squeue", "-h", "-a", "-t", "all", "-o", "%A %j").stream()
                .filter(l -> l.contains(" wb-glidein-")).sorted().toList();
    }

    private static List<Long> ids(TestHttp.Response list) {
        assertThat(list.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        list.json().forEach(g -> ids.add(g.path("id").asLong()));
        return ids;
    }

    private static long count(JsonNode glidein, String state) {
        long n = 0;
        for (JsonNode p : glidein.path("pilots")) {
            n += p.path("state").asString().equals(state) ? 1 : 0;
        }
        return n;
    }

    private static List<String> logLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static JsonNode await(Supplier<TestHttp.Response> get, Predicate<JsonNode> done, Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(until)) {
            TestHttp.Response r = get.get();
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            last = r.json();
            if (done.test(last)) {
                return last;
            }
            sleep();
        }
        throw new AssertionError("not reached within " + timeout + "; last seen: " + last);
    }

    private static List<String> awaitLines(Supplier<List<String>> get, Predicate<List<String>> done, Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        List<String> last = List.of();
        while (Instant.now().isBefore(until)) {
            last = get.get();
            if (done.test(last)) {
                return last;
            }
            sleep();
        }
        throw new AssertionError("not reached within " + timeout + "; last seen: " + last);
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
