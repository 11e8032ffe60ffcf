package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed submissions (bad times, memory, arrays, dependencies, unknown partition/QOS/account, oversize script,
 * wrong JSON types, unknown fields), each sent to every lab release as alice: each must answer a 4xx problem naming
 * the field, none a 5xx, and none may reach Slurm (no job with the run's name appears in {@code squeue}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedSubmissionsIT {

    static final String RUN = "wb3-bad-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String REMOVE = "<remove>";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    /** One logged-in session for all cases: HTTP basic would cost a bcrypt check per request. */
    static TestHttp alice;

    @BeforeEach
    void setUp() {
        if (alice == null) {
            alice = new TestHttp(port).sessionApi(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        }
    }

    /** {field, raw JSON value (or REMOVE), the field the error must name}. */
    static List<String[]> cases() {
        List<String[]> c = new ArrayList<>();
        for (String t : List.of("abc", "1:60", "1:2:60", "1:60:00", "25:61:00", "1-24", "1-2:60", "1-2:3:60", "-1", "1.5",
                "1h", "90m", "2d", "1-", "-1-2", "1--2", "1:2:3:4", "1-2:3:4:5", ":30", "30:", "1::2", "0", "00:00",
                "0-0", "0:0:0", "unlimitedd", "INFINITY", "1 2", "１０", "1_2", "1-2-3", "10:5x", "99999999", "1e3",
                "NaN", "one hour", "2026-01-01", "12:00 PM", "1:00:00:00", "+5")) {
            c.add(new String[]{"timeLimit", str(t), "timeLimit"});
        }
        for (String m : List.of("4GB", "4 G", "-1", "1.5G", "G", "4X", "0", "0K", "0G", "1P", "4g4", "M4", "4MB",
                "1,024", "0x10", "4Gi", "4KiB", "one", "∞", "4 ", "99999999999999", "4T4", "1e6", "--4", "4_000M",
                "4.0", "K", "1024b")) {
            c.add(new String[]{"memory", str(m), "memory"});
        }
        for (String a : List.of("a", "0-", "-1", "5-2", "0-99%", "0-99%0", "0-99%x", "0-9:0", "1,,3", ",1", "1,", "0-99%10%2",
                "0-4000001", "1;2", "0..9", "0-9:", "%5", "1 - 3", "0-9%-1", "[0-9]", "1,3-", "1-3-5", "0-9:2:3", "x-y",
                "1.5", "0-99 %10", "99999999", "0-9%1.5", "1,a,3", "0-9:-1", "２")) {
            c.add(new String[]{"array", str(a), "array"});
        }
        for (String d : List.of("afterok", "afterok:", "afterok:x", "before:1", "after:1+x", "afterok:1,afterany:2?after:3",
                "afterok:1:", "singleton:1", "AFTEROK:1", "afterok 1", "afterok:1_", "afterok:-1", "expand", "afterok::1",
                "after:1+", "afterok;1", ":1", "afterok:1,", "?afterok:1", "afterok=1")) {
            c.add(new String[]{"dependency", str(d), "dependency"});
        }
        for (String b : List.of("tomorrow", "now-1hour", "now+", "now+1fortnight", "now+400days", "25:00", "12:60",
                "2026-13-01", "2026-02-30", "2026-12-01 08:00", "2099-01-01", "noon", "1700000000")) {
            c.add(new String[]{"begin", str(b), "begin"});
        }
        for (String p : List.of("nosuch", "gpu2", "CPU", "cpu-old", "debug", "batch", "long", "x", "gpux", "cpu_")) {
            c.add(new String[]{"partition", str(p), "partition"});
        }
        for (String p : List.of("cpu,gpu", "cpu gpu", "-cpu", "cpu/", "c\\npu", "c*")) {
            c.add(new String[]{"partition", str(p), "partition"});
        }
        for (String q : List.of("high", "gpuq", "normal2", "NORMAL", "low", "admin", "debug", "urgent")) {
            c.add(new String[]{"qos", str(q), "qos"});
        }
        for (String a : List.of("chemistry", "ops", "root", "nosuch", "Physics", "physics2", "bio")) {
            c.add(new String[]{"account", str(a), "account"});
        }
        c.add(new String[]{"account", str("phys ics"), "account"});
        for (String n : List.of("0", "-1", "100001", "5", "\"abc\"", "[1]", "{}", "1.5", "true")) {
            c.add(new String[]{"nodes", n, "nodes"});
        }
        for (String n : List.of("0", "-3", "1000001", "\"many\"", "[2]", "2.5")) {
            c.add(new String[]{"tasks", n, "tasks"});
        }
        for (String n : List.of("0", "4097", "\"two\"", "{}", "-2")) {
            c.add(new String[]{"cpusPerTask", n, "cpusPerTask"});
        }
        for (String n : List.of("-1", "65", "\"one\"", "[1]", "0.5")) {
            c.add(new String[]{"gpus", n, "gpus"});
        }
        for (String v : List.of("\"yes\"", "1", "[true]", "{}", "\"\"")) {
            c.add(new String[]{"hold", v, "hold"});
        }
        for (String v : List.of("[\"A=1\"]", "\"A=1\"", "{\"1A\": \"x\"}", "{\"A-B\": \"x\"}", "{\"\": \"x\"}",
                "{\"A\": {\"b\": 1}}", "{\"A\": [1]}", "7")) {
            c.add(new String[]{"environment", v, "environment"});
        }
        for (String v : List.of("\"relative/dir\"", "\"~/x\"", "\"/tmp/a\\nb\"", "42x")) {
            c.add(new String[]{"workDir", v.equals("42x") ? "[\"/tmp\"]" : v, "workDir"});
        }
        c.add(new String[]{"output", str("out\nput"), "output"});
        c.add(new String[]{"error", str("err\u0007"), "error"});
        c.add(new String[]{"output", "[\"a\"]", "output"});
        c.add(new String[]{"name", str(RUN + "\nsecond line"), "name"});
        c.add(new String[]{"name", str(RUN + "x".repeat(200)), "name"});
        c.add(new String[]{"name", "{\"a\": 1}", "name"});
        c.add(new String[]{"comment", str("a\u0000b"), "comment"});
        c.add(new String[]{"comment", str("c".repeat(1001)), "comment"});
        c.add(new String[]{"memoryPer", str("SOCKET"), "memoryPer"});
        c.add(new String[]{"memoryPer", "5", "memoryPer"});
        c.add(new String[]{"gpuType", str("a100 x"), "gpuType"});
        c.add(new String[]{"script", REMOVE, "script"});
        c.add(new String[]{"script", str(""), "script"});
        c.add(new String[]{"script", str("   \n"), "script"});
        c.add(new String[]{"script", str("echo no shebang"), "script"});
        c.add(new String[]{"script", str("#!/bin/bash\n" + "x".repeat(1_048_576)), "script"});
        c.add(new String[]{"script", "[\"#!/bin/bash\"]", "script"});
        c.add(new String[]{"script", "{\"body\": 1}", "script"});
        c.add(new String[]{"timelimit", str("5"), "timelimit"});
        c.add(new String[]{"cpus", "2", "cpus"});
        c.add(new String[]{"user", str("Bob!"), "user"});
        c.add(new String[]{"user", str("bob"), "user"});
        c.add(new String[]{"timeLimit", "[\"5\"]", "timeLimit"});
        c.add(new String[]{"array", "{\"from\": 0}", "array"});
        return c;
    }

    private static String str(String s) {
        return JSON.writeValueAsString(s);
    }

    static Stream<Arguments> casesOnEveryRelease() {
        List<String[]> cases = cases();
        return TestLab.present().stream().flatMap(cluster -> cases.stream().map(c ->
                Arguments.of(cluster, c[0], c[1], c[2])));
    }

    @Test
    void thereAreAtLeast200Cases() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(200);
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource("casesOnEveryRelease")
    void aMalformedSubmissionIsA4xxNamingTheField(LabCluster cluster, String field, String value, String expected) {
        ObjectNode body = (ObjectNode) JSON.readTree("""
                {"script": "#!/bin/bash\\ntrue\\n", "name": "%s", "partition": "cpu", "timeLimit": "5"}""".formatted(RUN));
        if (value.equals(REMOVE)) {
            body.remove(field);
        } else {
            body.set(field, JSON.readTree(value));
        }
        TestHttp.Response r = alice.postJson("/api/v1/clusters/" + cluster.name() + "/jobs", JSON.writeValueAsString(body));

        assertThat(r.status()).as("%s=%s -> %s", field, value, r.body()).isBetween(400, 499);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = r.json();
        List<String> fields = problem.path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        assertThat(fields).as("%s=%s -> %s", field, value, r.body()).isNotEmpty()
                .allSatisfy(f -> assertThat(f).startsWith(expected));
        assertThat(problem.path("errors").get(0).path("message").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aBodyOfJsonNullIsA400ProblemNotAServerError() {
        TestHttp.Response r = alice.postJson("/api/v1/clusters/" + TestLab.present().getFirst().name() + "/jobs", "null");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    /** After every case ran: no job of this run's name (nor any name the cases used) reached any release. */
    @AfterAll
    static void noneReachedSlurm() {
        for (LabCluster c : TestLab.present()) {
            String out = LabShell.run(c, "squeue", "-h", "-a", "-t", "all", "-u", "alice", "-o", "%j");
            assertThat(out.lines().filter(l -> l.contains(RUN)).toList()).as("jobs of run %s on %s", RUN, c).isEmpty();
        }
    }
}
