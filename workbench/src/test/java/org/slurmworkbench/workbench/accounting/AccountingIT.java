package org.slurmworkbench.workbench.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.accounting.internal.RollupCheck;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * On every lab release: a known workload runs to completion in slurmdbd, the sync reads it through slurmrestd, and the
 * workbench's CPU-seconds per user and account equal sacct's CPUTimeRAW sums exactly; a second sync changes nothing;
 * the rollup equals a GROUP BY of the job table; a USER sees only their own jobs; CSV carries the same numbers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountingIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    TestHttp admin;

    @BeforeEach
    void setUp() {
        admin = new TestHttp(port).basic("admin", "admin-test-password");
    }

    static Stream<Named<LabCluster>> labClusters() {
        return TestLab.present().stream().map(c -> Named.of(c.toString(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void cpuSecondsPerUserAndAccountEqualSacctAndResyncingChangesNothing(LabCluster lab) {
        LabWorkload w = LabWorkload.run(lab);
        Map<String, Long> sacct = w.sacctCpuSeconds();

        TestHttp.Response synced = admin.post("/api/v1/accounting/sync/now?cluster=" + lab.name(), "text/plain", "");
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        String usage = "/api/v1/accounting/usage?cluster=" + lab.name() + "&from=" + enc(w.submitted().minusSeconds(3600))
                + "&to=" + enc(Instant.now().plusSeconds(3600)) + "&name=" + w.tag()
                + "&groupBy=user,account&metrics=jobs,cpuSeconds,cpuHours,p95Wait";
        Map<String, Long> workbench = cpuSecondsByUserAccount(admin.get(usage));
        System.out.printf("[accounting] %s CPU-seconds per user/account: workbench %s, sacct %s%n", lab, workbench, sacct);
        assertThat(workbench).as("%s: workbench vs sacct", lab).isEqualTo(sacct);
        assertThat(sacct.keySet()).containsExactly("alice/physics", "carol/chemistry");

        // Array tasks are rows of their own, linked to their array job.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acct_job WHERE cluster = ? AND array_job_id = ?")
                .params(lab.name(), w.jobIds().get(1)).query(Long.class).single()).isEqualTo(2);

        List<Map<String, Object>> before = myRows(lab, w);
        TestHttp.Response again = admin.post("/api/v1/accounting/sync/now?cluster=" + lab.name(), "text/plain", "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(myRows(lab, w)).as("rows after a second sync").hasSize(4).isEqualTo(before);
        assertThat(cpuSecondsByUserAccount(admin.get(usage))).isEqualTo(sacct);
        assertRollupEqualsJobTable(lab.name());

        // The same question as CSV.
        TestHttp.Response csv = admin.get(usage.replace("metrics=jobs,cpuSeconds,cpuHours,p95Wait", "metrics=cpuSeconds"), "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        Map<String, Long> fromCsv = new TreeMap<>();
        csv.body().lines().skip(1).map(l -> l.split(",")).forEach(f -> fromCsv.put(f[0] + "/" + f[1], Long.parseLong(f[2])));
        assertThat(csv.body().lines().findFirst()).hasValue("user,account,cpuSeconds");
        assertThat(fromCsv).isEqualTo(sacct);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void aUserSeesOnlyTheirOwnJobs(LabCluster lab) {
        LabWorkload w = LabWorkload.run(lab);
        assertThat(admin.post("/api/v1/accounting/sync/now?cluster=" + lab.name(), "text/plain", "").status()).isEqualTo(200);
        String name = "acct-alice-" + Long.toString(System.nanoTime(), 36);
        TestHttp.Response created = admin.postJson("/api/v1/users", """
                {"username": "%s", "password": "alice-password", "role": "USER", "slurmUser": "alice"}""".formatted(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        try {
            TestHttp alice = new TestHttp(port).basic(name, "alice-password");
            String jobs = "/api/v1/accounting/jobs?cluster=" + lab.name() + "&from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1)
                    + "&name=" + w.tag();
            JsonNode mine = alice.get(jobs).json();
            assertThat(users(mine)).as("alice's view").containsOnly("alice");
            assertThat(mine.path("total").asLong()).isEqualTo(3);
            assertThat(admin.get(jobs).json().path("total").asLong()).as("admin's view").isEqualTo(4);

            TestHttp.Response others = alice.get(jobs + "&users=carol");
            assertThat(others.status()).isEqualTo(403);
            assertThat(others.json().path("errors").get(0).path("field").asString()).isEqualTo("users");
            JsonNode usage = alice.get("/api/v1/accounting/usage?groupBy=user&name=" + w.tag() + "&from="
                    + LocalDate.now(ZoneOffset.UTC).minusDays(1)).json();
            assertThat(StreamSupport.stream(usage.path("rows").spliterator(), false).map(r -> r.path("user").asString()))
                    .containsExactly("alice");
            assertThat(alice.get("/api/v1/accounting/sync").status()).isEqualTo(403);
        } finally {
            jdbc.sql("DELETE FROM users WHERE username = ?").param(name).update();
        }
    }

    private static List<String> users(JsonNode page) {
        return StreamSupport.stream(page.path("rows").spliterator(), false).map(r -> r.path("user").asString()).distinct().toList();
    }

    private Map<String, Long> cpuSecondsByUserAccount(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode row : r.json().path("rows")) {
            out.put(row.path("user").asString() + "/" + row.path("account").asString(), row.path("cpuSeconds").asLong());
        }
        return out;
    }

    private List<Map<String, Object>> myRows(LabCluster lab, LabWorkload w) {
        return jdbc.sql("""
                SELECT job_id, array_job_id, array_task_id, user_name, account, state, start_time, end_time, cpus,
                  elapsed_seconds, cpu_seconds FROM acct_job WHERE cluster = ? AND job_name = ? ORDER BY job_id""")
                .params(lab.name(), w.tag()).query().listOfRows();
    }

    private void assertRollupEqualsJobTable(String cluster) {
        RollupCheck.assertRollupsEqualJobTable(jdbc, cluster);
    }

    private static String enc(Object o) {
        return URLEncoder.encode(o.toString(), StandardCharsets.UTF_8);
    }
}
