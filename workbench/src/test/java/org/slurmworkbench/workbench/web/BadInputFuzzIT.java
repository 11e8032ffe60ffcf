package org.slurmworkbench.workbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
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
 * Generated bad input, {@code -Dwb.fuzz.samples} (1,000) per endpoint (each failure names its input), sent through a
 * logged-in session with its CSRF token (HTTP basic would cost a bcrypt check per request):
 * job specs with one field broken in a way no rule can accept, random bodies, random query
 * parameters, random user records. Nothing may answer 5xx or leak a stack trace; broken job specs are 4xx problems
 * naming the field and never reach Slurm; a user record is only accepted when it is well-formed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadInputFuzzIT {

    static final int SAMPLES = Integer.getInteger("wb.fuzz.samples", 1000);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RUN = "wb-fuzz-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    /** Characters that make every Slurm value syntax (time, memory, array, dependency, begin) fail: no digits, no keywords. */
    static final String NOT_SLURM_SYNTAX = "bcxyzBCXYZ!@#&*$^~|<>?;\"'"; // no space: a blank value means "not given"
    static final String NAME_BREAKERS = "/!@#$%^&*()+=~`'\"<>?,;:[]{}|\\\u00e9\u4e2d"; // no whitespace alone: blank is "not given"

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    record Mutation(String field, JsonNode value) {
    }

    @Test
    void jobSpecsWithOneBrokenFieldAreRefusedNamingThatField() {
        LabCluster lab = TestLab.present().getFirst();
        TestHttp alice = new TestHttp(port).sessionApi(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        List<Mutation> mutations = sample(mutations(), SAMPLES);
        List<String> accepted = new ArrayList<>();
        for (Mutation m : mutations) {
            ObjectNode body = (ObjectNode) JSON.readTree("""
                    {"script": "#!/bin/bash\\ntrue\\n", "name": "%s", "partition": "cpu", "timeLimit": "5", "hold": true}"""
                    .formatted(RUN));
            body.set(m.field(), m.value());
            TestHttp.Response r = alice.postJson("/api/v1/clusters/" + lab.name() + "/jobs", JSON.writeValueAsString(body));
            if (r.status() == 201) {
                accepted.add(m + " -> job " + r.json().path("jobId"));
                alice.delete("/api/v1/clusters/" + lab.name() + "/jobs/" + r.json().path("jobId").asLong());
                continue;
            }
            String what = "%s=%s -> %s".formatted(m.field(), m.value(), r.body());
            assertThat(r.status()).as(what).isBetween(400, 499);
            assertThat(r.header("Content-Type")).as(what).startsWith("application/problem+json");
            assertThat(r.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList()).as(what)
                    .isNotEmpty().anySatisfy(f -> assertThat(f).startsWith(m.field()));
            assertThat(r.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(accepted).as("garbage accepted").isEmpty();
        System.out.printf("BadInputFuzzIT: %d broken job specs refused on %s%n", mutations.size(), lab);
    }

    @Test
    void randomBodiesAndQueryParametersNeverAnswer5xx() {
        LabCluster lab = TestLab.present().getFirst();
        TestHttp admin = new TestHttp(port).sessionApi("admin", "admin-test-password");
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> dateish = Arbitraries.oneOf(anyText, Arbitraries.strings().withChars("0123456789-:TZ.+ ").ofMaxLength(30),
                Arbitraries.of("2026-11-27T10:00:00Z", "now", "-1", "99999999999999999999", "2026-02-30T00:00:00Z"));
        List<String> bodies = sample(Arbitraries.oneOf(anyText, Arbitraries.strings().withChars("{}[]\":,0123456789truefalsn ").ofMaxLength(80)), SAMPLES);
        int n = 0;
        for (String body : bodies) {
            for (String path : List.of("/api/v1/clusters/" + lab.name() + "/jobs", "/api/v1/users")) {
                TestHttp.Response r = admin.postJson(path, body);
                assertThat(r.status()).as("POST %s %s -> %s", path, body, r.body()).isBetween(400, 499);
                n++;
            }
        }
        List<String> usageKeys = List.of("from", "to", "cluster", "users", "accounts", "partitions", "qos", "states",
                "groupBy", "period", "metrics", "jobId", "step", "x" + RUN);
        Arbitrary<String> query = Combinators.combine(Arbitraries.of(usageKeys).list().ofMinSize(1).ofMaxSize(4),
                dateish.list().ofSize(4)).as((keys, values) -> {
                    StringBuilder q = new StringBuilder("?");
                    for (int i = 0; i < keys.size(); i++) {
                        q.append(keys.get(i)).append('=').append(URLEncoder.encode(values.get(i), StandardCharsets.UTF_8)).append('&');
                    }
                    return q.toString();
                });
        TestHttp session = admin;
        for (String q : sample(query, SAMPLES)) {
            for (String path : List.of("/api/v1/accounting/usage", "/api/v1/accounting/jobs",
                    "/api/v1/clusters/" + lab.name() + "/utilization")) {
                TestHttp.Response r = session.get(path + q);
                assertThat(r.status()).as("GET %s%s -> %s", path, q, r.body()).isIn(200, 400, 404);
                assertThat(r.body()).doesNotContain("\tat ");
                n++;
            }
        }
        System.out.printf("BadInputFuzzIT: %d random bodies and queries, no 5xx%n", n);
    }

    @Test
    void aUserRecordIsAcceptedOnlyWhenWellFormed() {
        TestHttp admin = new TestHttp(port).sessionApi("admin", "admin-test-password");
        Pattern username = Pattern.compile("[a-z0-9_][a-z0-9_.@-]{1,63}");
        Pattern slurmUser = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(70),
                Arbitraries.strings().withChars("abcxyz019_.@-").ofMinLength(1).ofMaxLength(70),
                Arbitraries.strings().withChars("ABCabc019_.-é中 ").ofMinLength(1).ofMaxLength(70));
        Arbitrary<String> passwordsGen = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(100),
                Arbitraries.strings().withChars("é中x").ofMinLength(20).ofMaxLength(40));
        Arbitrary<String> roles = Arbitraries.oneOf(Arbitraries.of("USER", "ADMIN", "admin", "ROOT", ""), Arbitraries.strings().ofMaxLength(8));
        int accepted = 0;
        for (List<String> u : sample(Combinators.combine(names, passwordsGen, roles, names).as((a, b, c, d) -> List.of(a, b, c, d)), SAMPLES)) {
            ObjectNode body = JSON.createObjectNode();
            body.put("username", "fz" + u.get(0)).put("password", u.get(1)).put("role", u.get(2)).put("slurmUser", u.get(3));
            TestHttp.Response r = admin.postJson("/api/v1/users", JSON.writeValueAsString(body));
            String what = "%s -> %s".formatted(body, r.body());
            assertThat(r.status()).as(what).isIn(201, 400, 409);
            if (r.status() == 201) {
                accepted++;
                assertThat(username.matcher("fz" + u.get(0)).matches()).as(what).isTrue();
                assertThat(slurmUser.matcher(u.get(3)).matches()).as(what).isTrue();
                assertThat(u.get(1).getBytes(StandardCharsets.UTF_8).length).as(what).isBetween(8, 72);
                assertThat(u.get(2)).as(what).isIn("USER", "ADMIN");
            }
        }
        System.out.printf("BadInputFuzzIT: %d user records, %d well-formed ones accepted%n", SAMPLES, accepted);
    }

    /** One field of a job spec broken so that no rule can accept it. */
    static Arbitrary<Mutation> mutations() {
        Arbitrary<String> notSyntax = Arbitraries.strings().withChars(NOT_SLURM_SYNTAX).ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> badName = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(10),
                Arbitraries.strings().withChars(NAME_BREAKERS).ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().alpha().ofMaxLength(10)).as((a, b, c) -> a + b + c);
        Arbitrary<String> tooLongName = Arbitraries.strings().alpha().ofMinLength(65).ofMaxLength(300);
        Arbitrary<String> withControl = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(10),
                Arbitraries.chars().range('\u0000', '\u001f'), Arbitraries.strings().alpha().ofMaxLength(10))
                .as((a, c, b) -> a + c + b);
        Arbitrary<JsonNode> notText = Arbitraries.of("[1]", "{}", "{\"a\":1}", "true", "false", "[\"x\"]")
                .map(JSON::readTree);
        Arbitrary<JsonNode> notNumber = Arbitraries.of("[1]", "{}", "\"2\"", "true", "1.5")
                .map(JSON::readTree);
        List<Arbitrary<Mutation>> all = new ArrayList<>();
        for (String f : List.of("timeLimit", "memory", "array", "dependency", "begin")) {
            all.add(notSyntax.map(s -> new Mutation(f, JSON.getNodeFactory().stringNode(s))));
        }
        for (String f : List.of("partition", "account", "qos", "gpuType", "user")) {
            all.add(Arbitraries.oneOf(badName, tooLongName).map(s -> new Mutation(f, JSON.getNodeFactory().stringNode(s))));
        }
        for (String f : List.of("name", "comment", "output", "error")) {
            all.add(withControl.map(s -> new Mutation(f, JSON.getNodeFactory().stringNode(s))));
        }
        Map<String, int[]> ranges = Map.of("nodes", new int[]{1, 100_000}, "tasks", new int[]{1, 1_000_000},
                "cpusPerTask", new int[]{1, 4096}, "gpus", new int[]{0, 64});
        ranges.forEach((f, r) -> all.add(Arbitraries.oneOf(Arbitraries.integers().lessOrEqual(r[0] - 1),
                Arbitraries.integers().greaterOrEqual(r[1] + 1)).map(i -> new Mutation(f, JSON.getNodeFactory().numberNode(i)))));
        for (String f : List.of("script", "timeLimit", "name", "partition", "comment")) {
            all.add(notText.map(v -> new Mutation(f, v)));
        }
        for (String f : List.of("nodes", "tasks", "cpusPerTask", "gpus")) {
            all.add(notNumber.map(v -> new Mutation(f, v)));
        }
        all.add(Arbitraries.of("\"yes\"", "1", "0", "[true]", "{}", "\"\"").map(v -> new Mutation("hold", JSON.readTree(v))));
        all.add(Arbitraries.of("[1]", "\"A=1\"", "7", "true", "{\"A\": [1]}", "{\"A\": {\"b\": 1}}")
                .map(v -> new Mutation("environment", JSON.readTree(v))));
        all.add(Arbitraries.strings().ofMaxLength(40).filter(s -> !s.startsWith("#!"))
                .map(s -> new Mutation("script", JSON.getNodeFactory().stringNode(s))));
        all.add(Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> !s.startsWith("/"))
                .map(s -> new Mutation("workDir", JSON.getNodeFactory().stringNode(s))));
        all.add(Arbitraries.strings().ofMaxLength(10).filter(s -> !s.equals("NODE") && !s.equals("CPU"))
                .map(s -> new Mutation("memoryPer", JSON.getNodeFactory().stringNode(s))));
        all.add(Combinators.combine(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3), Arbitraries.strings().alpha().ofMaxLength(5))
                .as((d, a) -> new Mutation("environment", JSON.createObjectNode().put(d + a, "x"))));
        all.add(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)
                .map(s -> new Mutation("zz" + s, JSON.getNodeFactory().stringNode("x"))));
        return Arbitraries.oneOf(all);
    }

    /** {@code n} values of the arbitrary (jqwik's generators outside a jqwik property: every failure names its input). */
    static <T> List<T> sample(Arbitrary<T> arbitrary, int n) {
        return arbitrary.sampleStream().limit(n).toList();
    }
}
