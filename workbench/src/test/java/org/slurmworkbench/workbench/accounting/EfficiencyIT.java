package org.slurmworkbench.workbench.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/**
 * On every lab release, jobs that keep 2 of their 4 CPUs busy and hold ~300 MB for longer than the lab's
 * JobAcctGatherFrequency (30 s): after a sync, the accounting copy holds the same CPU time, MaxRSS, requested memory,
 * elapsed time, CPUs and time limit as {@code sacct}, within 1 %, for a job and the tasks of an array; the job's page
 * shows the efficiency with its hints, in English and Chinese. A 2-node job ({@code --mem-per-cpu}, one task of 2 CPUs
 * per node, each busy and holding ~300 MB: the lab's slurmd share one host) is checked the same way, memory per node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EfficiencyIT {

    static final String RUN = "wb9-eff-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    /**
     * 2 busy processes on 4 CPUs for 20 s (the lab samples memory every 5 s) while a pipe holds ~300 MB in tail's memory (the chroots have no perl or
     * python). Each {@code yes} is waited for by its own {@code timeout}: CPU time of processes nobody reaps (killed
     * with the shell that started them) is in no rusage, so neither sacct's TotalCPU nor slurmdbd has it.
     */
    static final String SCRIPT = script(20);
    /** The same on each node of a 2-node job: one task per node, one busy process and ~300 MB in each. */
    static final String MULTI_NODE = "srun bash -c '{ head -c 300000000 /dev/zero; sleep 20; } | tail -n1 >/dev/null & "
            + "timeout 20 yes >/dev/null & wait'";

    /** {@link #SCRIPT} for {@code seconds}. */
    static String script(int seconds) {
        return ("{ head -c 300000000 /dev/zero; sleep %d; } | tail -n1 >/dev/null &\\n"
                + "timeout %d yes >/dev/null &\\ntimeout %d yes >/dev/null &\\nwait").formatted(seconds, seconds, seconds);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void theCopyHoldsWhatSacctSaysTheJobsUsed() throws InterruptedException {
        TestHttp alice = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        TestLab.onEveryReleaseAtOnce(c -> check(c, alice, admin));
    }

    private void check(LabCluster c, TestHttp alice, TestHttp admin) {
        String jobs = "/api/v1/clusters/" + c.name() + "/jobs";
        String fourCpus = "\"cpusPerTask\": 4, \"memory\": \"1000M\"";
        long single = submit(alice, jobs, RUN + "-single-" + c.series(), SCRIPT, fourCpus);
        long array = submit(alice, jobs, RUN + "-array-" + c.series(), SCRIPT, fourCpus + ", \"array\": \"0-1\"");
        long multi = submit(alice, jobs, RUN + "-nodes-" + c.series(), MULTI_NODE, "\"nodes\": 2, \"tasks\": 2, "
                + "\"cpusPerTask\": 2, \"memory\": \"500M\", \"memoryPer\": \"CPU\"");
        try {
            Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(3)).until(() ->
                    ended(c, Long.toString(single)) && ended(c, array + "_0") && ended(c, array + "_1")
                    && ended(c, Long.toString(multi)));
            SyncNow.sync(admin, c.name());
            sameAsSacct(c, single, Long.toString(single));
            sameAsSacct(c, multi, Long.toString(multi), 4, 2);
            sameAsSacct(c, jdbc.sql("SELECT job_id FROM acct_job WHERE cluster = ? AND array_job_id = ? AND array_task_id = 1")
                    .params(c.name(), array).query(Long.class).single(), array + "_1");
            sameAsSacct(c, jdbc.sql("SELECT job_id FROM acct_job WHERE cluster = ? AND array_job_id = ? AND array_task_id = 0")
                    .params(c.name(), array).query(Long.class).single(), array + "_0");

            usageMetrics(c, alice);
            myJobsWhileSlurmctldHoldsTheJob(c, alice, jobs, multi);

            // the page reads the shared job list, renewed in the background: its first look may still be "running"
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    alice.get("/submit/jobs/" + c.name() + "/" + single).body().contains("id=\"job-efficiency\""));
            String page = alice.get("/submit/jobs/" + c.name() + "/" + single).body();
            assertThat(page).contains("id=\"job-efficiency\"", "id=\"eff-cpu\"", "id=\"eff-memory\"", "id=\"eff-time\"",
                    "asked for 4 CPUs, used", "asked for 1000 MiB, peaked at", "of the time limit",
                    "CPU time used by all steps / (elapsed × allocated CPUs)");
            String zh = alice.get("/submit/jobs/" + c.name() + "/" + single, "Accept-Language", "zh-CN,zh;q=0.9").body();
            assertThat(zh).contains("id=\"job-efficiency\"", "申请了 4 个 CPU", "时间限制");
        } finally {
            LabShell.run(c, "scancel", Long.toString(single), Long.toString(array), Long.toString(multi));
        }
    }

    /**
     * Cosmos' efficiency metrics of this run's jobs (a name prefix: read from the job table) equal sums over the copy;
     * the day's rollups (no name: read from acct_daily) equal the job table's GROUP BY, measure by measure.
     */
    private void usageMetrics(LabCluster c, TestHttp alice) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String metrics = "&groupBy=user&metrics=cpuHours,cpuHoursUsed,wastedCpuHours,cpuEfficiency,lowCpuEfficiencyShare,"
                + "memRequestedGiBHours,memPeakGiBHours,meanMemRequestedGiB,meanMemPeakGiB,memEfficiency,timeLimitUse,"
                + "lowTimeLimitUseShare";
        TestHttp.Response r = alice.get("/api/v1/accounting/usage?cluster=" + c.name() + "&from=" + today.minusDays(1)
                + "&to=" + today.plusDays(1) + "&name=" + RUN + "-" + metrics);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var row = r.json().path("rows").get(0);
        Map<String, Object> sums = jdbc.sql("""
                SELECT SUM(cpu_seconds) given, SUM(cpu_used_ms) used, COUNT(*) jobs,
                  SUM(cpu_used_ms < 250 * cpu_seconds) low,
                  SUM(memory_mb * elapsed_seconds) / 1024 / 3600 mem_gib_h,
                  SUM(max_rss_bytes * nodes * elapsed_seconds) / POW(1024, 3) / 3600 peak_gib_h,
                  AVG(memory_mb / nodes) / 1024 mem_gib, AVG(max_rss_bytes) / POW(1024, 3) peak_gib,
                  AVG(max_rss_bytes / (memory_mb / nodes * 1048576)) mem_eff,
                  AVG(elapsed_seconds / (time_limit_min * 60)) limit_use,
                  AVG(elapsed_seconds < 0.25 * time_limit_min * 60) low_limit FROM acct_job
                WHERE cluster = ? AND job_name LIKE ? AND cpu_used_ms IS NOT NULL""")
                .params(c.name(), RUN + "-%-" + c.series()).query().singleRow();
        double given = ((Number) sums.get("given")).doubleValue();
        double used = ((Number) sums.get("used")).doubleValue();
        assertThat(((Number) sums.get("jobs")).intValue()).isEqualTo(4);
        String what = c.series() + " " + row + " vs " + sums;
        assertThat(row.path("cpuHours").asDouble()).as(what).isCloseTo(given / 3600, within(1e-3));
        assertThat(row.path("cpuHoursUsed").asDouble()).as(what).isCloseTo(used / 3_600_000, within(1e-3));
        assertThat(row.path("wastedCpuHours").asDouble()).as(what).isCloseTo((given * 1000 - used) / 3_600_000, within(1e-3));
        assertThat(row.path("cpuEfficiency").asDouble()).as(what).isCloseTo(used / (given * 1000), within(1e-3));
        assertThat(row.path("lowCpuEfficiencyShare").asDouble()).as(what)
                .isCloseTo(((Number) sums.get("low")).doubleValue() / 4, within(1e-3));
        // memory per node and time limits, from each job's own numbers (MaxRSS ~300 MB of 1000 MiB, 20 s of 5 min)
        assertThat(row.path("memRequestedGiBHours").asDouble()).as(what).isCloseTo(number(sums, "mem_gib_h"), within(1e-3));
        assertThat(row.path("memPeakGiBHours").asDouble()).as(what).isCloseTo(number(sums, "peak_gib_h"), within(1e-3));
        assertThat(row.path("meanMemRequestedGiB").asDouble()).as(what).isCloseTo(1000 / 1024.0, within(1e-3))
                .isCloseTo(number(sums, "mem_gib"), within(1e-3));
        assertThat(row.path("meanMemPeakGiB").asDouble()).as(what).isCloseTo(number(sums, "peak_gib"), within(2e-3));
        assertThat(row.path("memEfficiency").asDouble()).as(what).isCloseTo(number(sums, "mem_eff"), within(1e-3))
                .isBetween(0.25, 0.6);
        assertThat(row.path("timeLimitUse").asDouble()).as(what).isCloseTo(number(sums, "limit_use"), within(1e-3));
        assertThat(row.path("lowTimeLimitUseShare").asDouble()).as(what).isCloseTo(number(sums, "low_limit"), within(1e-3));

        TestHttp.Response rolled = alice.get("/api/v1/accounting/usage?cluster=" + c.name() + "&from=" + today
                + "&to=" + today.plusDays(1) + metrics);
        assertThat(rolled.status()).as(rolled.body()).isEqualTo(200);
        assertThat(rolled.json().path("source").asString()).startsWith("acct_");
        org.slurmworkbench.workbench.accounting.internal.RollupCheck.assertRollupsEqualJobTable(jdbc, c.name());
        TestHttp.Response csv = alice.get("/api/v1/accounting/usage.csv?cluster=" + c.name() + "&from=" + today
                + "&to=" + today.plusDays(1) + metrics);
        assertThat(csv.body().lines().findFirst().orElse("")).contains("cpuHoursUsed", "wastedCpuHours", "cpuEfficiency",
                "lowCpuEfficiencyShare", "memRequestedGiBHours", "memPeakGiBHours", "meanMemRequestedGiB",
                "meanMemPeakGiB", "memEfficiency", "timeLimitUse", "lowTimeLimitUseShare");
    }

    /**
     * slurmctld keeps an ended job for MinJobAge (300 s in the lab) without what its steps used: "my jobs" shows its
     * record with the accounting copy's CPU time and MaxRSS (the shared job list may still say RUNNING for ~30 s).
     */
    private void myJobsWhileSlurmctldHoldsTheJob(LabCluster c, TestHttp alice, String jobs, long jobId) {
        Map<String, Object> copy = jdbc.sql("SELECT cpu_used_ms, max_rss_bytes FROM acct_job WHERE cluster = ? AND job_id = ?")
                .params(c.name(), jobId).query().singleRow();
        var record = new java.util.concurrent.atomic.AtomicReference<tools.jackson.databind.JsonNode>();
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            for (var j : alice.get(jobs + "?days=1").json()) {
                if (j.path("jobId").asLong() == jobId && !j.path("state").asString().equals("RUNNING")) {
                    record.set(j);
                    return true;
                }
            }
            return false;
        });
        String what = c.series() + " " + record.get();
        assertThat(record.get().path("source").asString()).as(what).isEqualTo("SLURMCTLD");
        assertThat(record.get().path("cpuUsedMillis").asLong()).as(what).isEqualTo(((Number) copy.get("cpu_used_ms")).longValue());
        assertThat(record.get().path("maxRssBytes").asLong()).as(what).isEqualTo(((Number) copy.get("max_rss_bytes")).longValue());
    }

    private static double number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }

    private void sameAsSacct(LabCluster c, long jobId, String sacctId) {
        sameAsSacct(c, jobId, sacctId, 4, 1);
    }

    /** The copy's record of a job of {@code cpus} CPUs on {@code nodes} nodes that asked 1000 MiB per node. */
    private void sameAsSacct(LabCluster c, long jobId, String sacctId, int cpus, int nodes) {
        Map<String, Object> row = jdbc.sql("""
                SELECT cpu_used_ms, max_rss_bytes, memory_mb, nodes, cpus, elapsed_seconds, time_limit_min
                FROM acct_job WHERE cluster = ? AND job_id = ?""").params(c.name(), jobId).query().singleRow();
        List<String> lines = LabShell.lines(c, "sacct", "-j", sacctId, "-n", "-P", "-o",
                "JobID,TotalCPU,MaxRSS,ReqMem,ElapsedRaw,AllocCPUS,Timelimit,NNodes");
        assertThat(lines).as("sacct -j %s", sacctId).isNotEmpty();
        String[] job = lines.getFirst().split("\\|", -1);
        long maxRss = lines.stream().skip(1).map(l -> l.split("\\|", -1)[2]).mapToLong(EfficiencyIT::bytes).max().orElse(0);
        String what = c.series() + " " + sacctId + " " + row + " vs sacct " + lines;
        long totalCpuMs = cpuMillis(job[1]);
        // 2 x 20 s at most; the lab's 2 real cores are shared by every release, test and engineer: ~3 s is usual
        assertThat(totalCpuMs).as("2 busy processes for ~20 s: " + what).isGreaterThan(1_000);
        assertThat(((Number) row.get("cpu_used_ms")).doubleValue()).as("TotalCPU " + what)
                .isCloseTo(totalCpuMs, within(Math.max(10, totalCpuMs * 0.01)));
        assertThat(maxRss).as("MaxRSS sampled: " + what).isGreaterThan(250_000_000L);
        assertThat(((Number) row.get("max_rss_bytes")).doubleValue()).as("MaxRSS " + what).isCloseTo(maxRss, within(maxRss * 0.01));
        assertThat(Integer.parseInt(job[7])).as("NNodes " + what).isEqualTo(nodes);
        assertThat(((Number) row.get("nodes")).intValue()).as("NNodes " + what).isEqualTo(nodes);
        assertThat(((Number) row.get("memory_mb")).longValue() / nodes).as("ReqMem per node " + what)
                .isEqualTo(reqMemPerNodeMb(job[3], cpus, nodes)).isEqualTo(1000);
        assertThat(((Number) row.get("elapsed_seconds")).longValue()).as("Elapsed " + what).isEqualTo(Long.parseLong(job[4]));
        assertThat(((Number) row.get("cpus")).intValue()).as("AllocCPUS " + what).isEqualTo(Integer.parseInt(job[5])).isEqualTo(cpus);
        assertThat(((Number) row.get("time_limit_min")).intValue() * 60L).as("Timelimit " + what).isEqualTo(seconds(job[6]));
    }

    /**
     * sacct's ReqMem per node: 22.05 writes {@code 1000Mn} per node or {@code 500Mc} per CPU (x the job's CPUs, spread
     * evenly here); later releases write the job's whole memory TRES without a suffix.
     */
    static long reqMemPerNodeMb(String reqMem, int cpus, int nodes) {
        long mb = bytes(reqMem) / (1024 * 1024);
        return reqMem.endsWith("n") ? mb : reqMem.endsWith("c") ? mb * cpus / nodes : mb / nodes;
    }

    private static boolean ended(LabCluster c, String id) {
        List<String> lines = LabShell.lines(c, "sacct", "-j", id, "-X", "-n", "-P", "-o", "State,End");
        return !lines.isEmpty() && !lines.getFirst().startsWith("RUNNING") && !lines.getFirst().startsWith("PENDING")
                && !lines.getFirst().endsWith("Unknown");
    }

    private static long submit(TestHttp who, String jobs, String name, String script, String resources) {
        TestHttp.Response r = who.postJson(jobs, """
                {"name": "%s", "script": "#!/bin/bash\\n%s\\n", "timeLimit": "5", "output": "/dev/null", %s}"""
                .formatted(name, script, resources));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("jobId").asLong();
    }

    /** sacct's sizes: {@code 296180K}, {@code 1000M}, {@code 1000Mn}/{@code 250Mc} on older releases, or plain bytes. */
    static long bytes(String s) {
        String v = s.replaceFirst("[nc]$", "");
        if (v.isEmpty()) {
            return 0;
        }
        char unit = Character.toUpperCase(v.charAt(v.length() - 1));
        long scale = switch (unit) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            case 'T' -> 1024L * 1024 * 1024 * 1024;
            default -> 1;
        };
        double number = Double.parseDouble(scale == 1 ? v : v.substring(0, v.length() - 1));
        return Math.round(number * scale);
    }

    /** sacct's TotalCPU: {@code [D-][HH:]MM:SS[.mmm]}. */
    static long cpuMillis(String s) {
        long days = 0;
        String rest = s;
        if (rest.contains("-")) {
            days = Long.parseLong(rest.substring(0, rest.indexOf('-')));
            rest = rest.substring(rest.indexOf('-') + 1);
        }
        String[] parts = rest.split(":");
        double secs = Double.parseDouble(parts[parts.length - 1]);
        long minutes = Long.parseLong(parts[parts.length - 2]);
        long hours = parts.length > 2 ? Long.parseLong(parts[0]) : 0;
        return Math.round(((days * 24 + hours) * 3600 + minutes * 60 + secs) * 1000);
    }

    /** sacct's Timelimit: {@code [D-]HH:MM:SS}. */
    static long seconds(String s) {
        return cpuMillis(s) / 1000;
    }
}
