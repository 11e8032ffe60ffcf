package org.slurmworkbench.workbench.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.slurm.lab.HetJobs;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.SyncNow;
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
 * the rollup equals a GROUP BY of the job table; a USER sees only their own jobs; CSV carries the same numbers. A
 * heterogeneous job's components are rows of their own with the het job's id and their offset, each with sacct's CPU
 * seconds.
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

        sync(lab);
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

        List<Map<String, Object>> before = rows(lab, w.tag());
        sync(lab);
        assertThat(rows(lab, w.tag())).as("rows after a second sync").hasSize(4).isEqualTo(before);
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
        sync(lab);
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
            // The page's sync panel and its button are the admins' too.
            TestHttp aliceBrowser = new TestHttp(port).sessionApi(name, "alice-password");
            assertThat(aliceBrowser.get("/accounting").body()).contains("accounting-form").doesNotContain("sync-panel");
            TestHttp.Response refused = aliceBrowser.postForm("/accounting/sync", Map.of("cluster", lab.name()));
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        } finally {
            jdbc.sql("DELETE FROM users WHERE username = ?").param(name).update();
        }
    }

    /**
     * sreport's allocated CPU seconds per user and account for a window equal the workbench's for the same window after
     * a sync of it, exactly, and both equal sacct's CPUTimeRAW sums. sreport reports only what slurmdbd has rolled up
     * (completed hours), so the workload is moved, in slurmdbd's own tables, into a past window that holds nothing else
     * and slurmdbd rolls that window up: {@link SlurmdbdWindow} says how and why.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void cpuSecondsPerUserAndAccountEqualSreportForAWindowOfTheirOwn(LabCluster lab) {
        LabWorkload w = LabWorkload.run(lab, "wb-sreport-");
        Map<String, Long> sacct = w.sacctCpuSeconds();
        SlurmdbdWindow window = SlurmdbdWindow.moveIntoPast(lab, w.tag(), 4);
        Map<String, Long> sreport = window.sreportCpuSeconds();
        assertThat(w.sacctCpuSeconds(window.localStart(), window.localEnd())).as("sacct in the window after the move")
                .isEqualTo(sacct);

        backfill(lab, window.start(), window.end());
        String range = "cluster=" + lab.name() + "&from=" + enc(window.start()) + "&to=" + enc(window.end());
        Map<String, Long> workbench = cpuSecondsByUserAccount(admin.get("/api/v1/accounting/usage?" + range
                + "&groupBy=user,account&metrics=cpuSeconds"));
        System.out.printf("[accounting] %s window %s..%s CPU-seconds per user/account: workbench %s, sreport %s, sacct %s%n",
                lab, window.start(), window.end(), workbench, sreport, sacct);
        assertThat(sreport).as("%s: sreport vs sacct", lab).isEqualTo(sacct);
        assertThat(workbench).as("%s: workbench vs sreport", lab).isEqualTo(sreport);
        // The window holds this workload and nothing else, as the comparison needs.
        JsonNode jobs = admin.get("/api/v1/accounting/jobs?" + range).json();
        assertThat(jobs.path("total").asLong()).as("jobs in the window").isEqualTo(4);
        assertThat(jobs.path("rows")).allSatisfy(r -> assertThat(r.path("name").asString()).isEqualTo(w.tag()));
    }

    /** sacct's view of one component: {@code JobID} is {@code <het id>+<offset>}, {@code JobIDRaw} its own job id. */
    record Component(String jobId, long rawId, long cpuSeconds) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void componentsAreRowsOfTheirOwnWithHetIdsAndSacctCpuSeconds(LabCluster lab) {
        String tag = "wb-het-" + Long.toString(System.nanoTime(), 36);
        Instant submitted = Instant.now().minusSeconds(1);
        long hetId = HetJobs.submit(lab, LabShell.script(), "alice", HetJobs.script(tag, 2, 3, 3));
        HetJobs.awaitEnded(lab.client().as(lab.adminUser()), hetId, 2, submitted, Duration.ofMinutes(4));
        Map<Integer, Component> sacct = sacct(lab, hetId);
        assertThat(sacct.keySet()).as("%s: sacct components of %d", lab, hetId).containsExactly(0, 1);
        assertThat(sacct.get(0).rawId()).as("the leader's own id is the het job's id").isEqualTo(hetId);

        sync(lab);
        String jobs = "/api/v1/accounting/jobs?cluster=" + lab.name() + "&from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1)
                + "&name=" + tag + "&sort=jobId";
        JsonNode page = admin.get(jobs).json();
        System.out.printf("[accounting] %s het job %d: sacct %s, workbench %s%n", lab, hetId, sacct, page.path("rows"));
        assertThat(page.path("total").asLong()).as("rows of %s", tag).isEqualTo(2);
        for (JsonNode row : page.path("rows")) {
            int offset = row.path("hetJobOffset").asInt();
            Component c = sacct.get(offset);
            assertThat(c).as("component %d", offset).isNotNull();
            assertThat(row.path("jobId").asLong()).as("job id of %s", c.jobId()).isEqualTo(c.rawId());
            assertThat(row.path("hetJobId").asLong()).isEqualTo(hetId);
            assertThat(row.path("cpuSeconds").asLong()).as("CPU seconds of %s vs sacct CPUTimeRAW", c.jobId())
                    .isEqualTo(c.cpuSeconds());
            assertThat(row.path("arrayJobId").isNull()).isTrue();
        }
        assertThat(page.path("rows").get(0).path("cpus").asInt()).isEqualTo(2);
        assertThat(page.path("rows").get(1).path("cpus").asInt()).isEqualTo(3);

        // The het job's id finds both components; CSV carries the same columns.
        assertThat(admin.get(jobs.replace("&name=" + tag, "") + "&jobId=" + hetId).json().path("total").asLong())
                .as("search by the het job's id").isEqualTo(2);
        TestHttp.Response csv = admin.get(jobs, "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        List<String> header = List.of(lines.getFirst().split(","));
        assertThat(header).contains("hetJobId", "hetJobOffset");
        assertThat(lines).hasSize(3);
        for (int i = 1; i <= 2; i++) {
            String[] f = lines.get(i).split(",", -1);
            Component c = sacct.get(i - 1);
            assertThat(f[header.indexOf("jobId")]).isEqualTo(Long.toString(c.rawId()));
            assertThat(f[header.indexOf("hetJobId")]).isEqualTo(Long.toString(hetId));
            assertThat(f[header.indexOf("hetJobOffset")]).isEqualTo(Integer.toString(i - 1));
            assertThat(f[header.indexOf("cpuSeconds")]).isEqualTo(Long.toString(c.cpuSeconds()));
        }

        List<Map<String, Object>> before = rows(lab, tag);
        sync(lab);
        assertThat(rows(lab, tag)).as("rows after a second sync").hasSize(2).isEqualTo(before);
    }

    private void sync(LabCluster lab) {
        SyncNow.sync(admin, lab.name());
    }

    /** A backfill of [from, to) through the API, waited for until its cursor reaches {@code to}. */
    private void backfill(LabCluster lab, Instant from, Instant to) {
        TestHttp.Response started = admin.post("/api/v1/accounting/sync/backfill?cluster=" + lab.name() + "&from=" + enc(from)
                + "&to=" + enc(to), "text/plain", "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode s = SyncNow.status(admin, lab.name());
            assertThat(s).as("%s: sync status", lab).isNotNull();
            assertThat(s.path("backfillFrom").asString("")).as("%s: backfill status %s", lab, s).isEqualTo(from.toString());
            assertThat(s.path("backfillDone").asString("")).as("%s: backfill status %s", lab, s).isEqualTo(to.toString());
        });
    }

    /** The stored rows of the jobs named {@code tag}, to compare before and after a sync. */
    private List<Map<String, Object>> rows(LabCluster lab, String tag) {
        return jdbc.sql("""
                SELECT job_id, array_job_id, array_task_id, het_job_id, het_job_offset, user_name, account, state,
                  start_time, end_time, cpus, elapsed_seconds, cpu_seconds FROM acct_job WHERE cluster = ? AND job_name = ?
                ORDER BY job_id""")
                .params(lab.name(), tag).query().listOfRows();
    }

    /** {@code sacct -X -j <id>}: one line per component, keyed by offset. */
    private static Map<Integer, Component> sacct(LabCluster lab, long hetId) {
        List<String> lines = LabShell.lines(lab, "sacct", "-X", "-n", "-P", "-a", "-j", Long.toString(hetId), "-o",
                "JobID,JobIDRaw,CPUTimeRAW");
        Map<Integer, Component> out = new TreeMap<>();
        List<String> other = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\\|", -1);
            if (f.length == 3 && f[0].startsWith(hetId + "+")) {
                out.put(Integer.parseInt(f[0].substring(f[0].indexOf('+') + 1)),
                        new Component(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
            } else {
                other.add(line);
            }
        }
        assertThat(other).as("sacct lines that are not components of %d", hetId).isEmpty();
        return out;
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

    /** Both rollups must be exactly what a plain GROUP BY of the job table gives, for every day and month of this cluster. */
    private void assertRollupEqualsJobTable(String cluster) {
        RollupCheck.assertRollupsEqualJobTable(jdbc, cluster);
    }

    private static String enc(Object o) {
        return URLEncoder.encode(o.toString(), StandardCharsets.UTF_8);
    }
}
