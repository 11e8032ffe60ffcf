package org.slurmworkbench.workbench.accounting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The accounting benchmark (not a test: run it on purpose, see the README). In its own database
 * ({@code <wb.test.db>_bench}) it loads {@code -Dbench.jobs} synthetic jobs (default 1,000,000, over 3 years) through
 * {@link JobStore#save}, the sync's own write path with the rollup maintained, then times typical grouped questions
 * through the app's HTTP API next to the same questions as a plain GROUP BY on the job table, and prints the ratios.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:mariadb://127.0.0.1:3306/${wb.test.db:slurm_workbench_test}_bench?createDatabaseIfNotExist=true",
        "workbench.accounting.sync.enabled=false"})
class AccountingBench {

    private static final int API_REPS = Integer.getInteger("bench.reps", 10);
    // The plain GROUP BY scans the job table; on a shared 2-core box with MariaDB's default 128 MB buffer pool
    // that takes many seconds, so it gets fewer repetitions.
    private static final int SQL_REPS = Integer.getInteger("bench.sqlReps", 3);

    @LocalServerPort
    int port;
    @Autowired
    JobStore store;
    @Autowired
    JdbcClient jdbc;

    record Question(String name, String api, String sql) {
    }

    @Test
    void ingestAndQuery() throws Exception {
        int jobs = Integer.getInteger("bench.jobs", 1_000_000);
        LocalDate end = LocalDate.now(ZoneOffset.UTC);
        Instant endTime = end.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> out = new ArrayList<>();
        out.add("Accounting bench, " + Runtime.getRuntime().availableProcessors() + " cores, " + jobs + " jobs over 3 years, "
                + "MariaDB innodb_buffer_pool_size " + jdbc.sql("SELECT @@innodb_buffer_pool_size DIV 1048576").query(Long.class)
                .single() + " MB");

        boolean load = Boolean.parseBoolean(System.getProperty("bench.load", "true"));
        if (load) {
            jdbc.sql("TRUNCATE TABLE acct_job").update();
            jdbc.sql("TRUNCATE TABLE acct_daily").update();
            jdbc.sql("TRUNCATE TABLE acct_monthly").update();
            jdbc.sql("TRUNCATE TABLE acct_yearly").update();
        }
        // The synthetic history ends 8 days ago, so the last days hold only the long tail of its jobs.
        Instant dataEnd = endTime.minus(Duration.ofDays(8));
        SyntheticJobs gen = new SyntheticJobs(42, 350, dataEnd, Duration.ofDays(3 * 365));
        int batch = 10_000;
        int slices = Math.max(1, jobs / batch);
        long t0 = System.nanoTime();
        for (int s = 0; load && s < slices; s++) {
            store.save("bench", gen.batch(batch, s, slices));
        }
        double ingestSeconds = (System.nanoTime() - t0) / 1e9;
        long stored = jdbc.sql("SELECT COUNT(*) FROM acct_job").query(Long.class).single();
        assertThat(stored).isEqualTo((long) slices * batch);
        long rollupRows = jdbc.sql("SELECT COUNT(*) FROM acct_daily").query(Long.class).single();
        long monthlyRows = jdbc.sql("SELECT COUNT(*) FROM acct_monthly").query(Long.class).single();
        long yearlyRows = jdbc.sql("SELECT COUNT(*) FROM acct_yearly").query(Long.class).single();
        out.add(load ? String.format("ingest: %d jobs in %.1f s = %.0f jobs/s (JobStore.save of %d-job batches: LOAD DATA of the jobs + rollup deltas)",
                stored, ingestSeconds, stored / ingestSeconds, batch) : "ingest: skipped (-Dbench.load=false), " + stored + " jobs present");
        out.add("rollup rows: " + rollupRows + " daily, " + monthlyRows + " monthly, " + yearlyRows + " yearly");
        // The rollups must still be exactly the job table grouped: spot-check the grand totals.
        long jobTotal = jdbc.sql("SELECT SUM(cpu_seconds) FROM acct_job WHERE end_time IS NOT NULL").query(Long.class).single();
        assertThat(jdbc.sql("SELECT SUM(cpu_seconds) FROM acct_daily").query(Long.class).single()).isEqualTo(jobTotal);
        assertThat(jdbc.sql("SELECT SUM(cpu_seconds) FROM acct_monthly").query(Long.class).single()).isEqualTo(jobTotal);
        assertThat(jdbc.sql("SELECT SUM(cpu_seconds) FROM acct_yearly").query(Long.class).single()).isEqualTo(jobTotal);
        // and the efficiency measures (V92, V95) the same sums as each job's own values
        for (String measure : List.of("cpu_used_ms", "mem_efficiency_ppm", "mem_peak_mb_seconds", "limit_use_ppm", "low_limit_jobs")) {
            long fromJobs = jdbc.sql("SELECT SUM(" + UsageStore.EFFICIENCY_PER_JOB.get(measure)
                    + ") FROM acct_job WHERE end_time IS NOT NULL").query(Long.class).single();
            assertThat(jdbc.sql("SELECT SUM(" + measure + ") FROM acct_yearly").query(Long.class).single()).as(measure)
                    .isEqualTo(fromJobs).isPositive();
        }

        String y3 = end.minusDays(3 * 365 + 10).toString();
        String y1 = end.minusDays(365).toString();
        String d90 = end.minusDays(90).toString();
        String d30 = end.minusDays(30).toString();
        String to = end.toString();
        List<Question> questions = List.of(
                new Question("CPU-hours by user, 3 years",
                        "groupBy=user&metrics=jobs,cpuHours&size=1000&from=" + y3 + "&to=" + to,
                        "SELECT user_name, COUNT(*), SUM(cpu_seconds) FROM acct_job WHERE end_time >= '" + y3 + "' AND end_time < '" + to
                                + "' GROUP BY user_name ORDER BY SUM(cpu_seconds) DESC"),
                new Question("by account per month, 1 year",
                        "groupBy=account&period=month&metrics=jobs,cpuHours,gpuHours,meanWait&size=1000&from=" + y1 + "&to=" + to,
                        "SELECT CAST(DATE_FORMAT(end_time, '%Y-%m-01') AS DATE) m, account, COUNT(*), SUM(cpu_seconds), SUM(gpu_seconds), "
                                + "AVG(wait_seconds) FROM acct_job WHERE end_time >= '" + y1 + "' AND end_time < '" + to + "' GROUP BY m, account"),
                new Question("one account by user x partition, 90 days",
                        "accounts=acct3&groupBy=user,partition&metrics=jobs,cpuHours,meanElapsed&from=" + d90 + "&to=" + to,
                        "SELECT user_name, partition_name, COUNT(*), SUM(cpu_seconds), AVG(elapsed_seconds) FROM acct_job WHERE account = 'acct3' "
                                + "AND end_time >= '" + d90 + "' AND end_time < '" + to + "' GROUP BY user_name, partition_name"),
                new Question("QOS x state per week, 30 days",
                        "groupBy=qos,state&period=week&metrics=jobs,cpuHours,gpuHours&from=" + d30 + "&to=" + to,
                        "SELECT DATE_SUB(DATE(end_time), INTERVAL WEEKDAY(end_time) DAY) w, qos, state, COUNT(*), SUM(cpu_seconds), "
                                + "SUM(gpu_seconds) FROM acct_job WHERE end_time >= '" + d30 + "' AND end_time < '" + to + "' GROUP BY w, qos, state"),
                new Question("p95 wait by partition, 30 days (+ waits)",
                        "groupBy=partition&metrics=jobs,meanWait,p95Wait&from=" + d30 + "&to=" + to,
                        "SELECT DISTINCT partition_name, PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY wait_seconds) OVER "
                                + "(PARTITION BY partition_name) FROM acct_job WHERE end_time >= '" + d30 + "' AND end_time < '" + to + "'"),
                new Question("CPU efficiency by user, 30 days",
                        "groupBy=user&metrics=jobs,cpuHours,cpuHoursUsed,cpuEfficiency,lowCpuEfficiencyShare"
                                + "&sort=cpuEfficiency&size=1000&from=" + d30 + "&to=" + to,
                        "SELECT user_name, COUNT(*), SUM(cpu_seconds), SUM(cpu_used_ms) / 1000 / SUM(IF(cpu_used_ms IS NULL, 0, "
                                + "cpu_seconds)) e, AVG(cpu_used_ms < 250 * cpu_seconds) FROM acct_job WHERE end_time >= '" + d30
                                + "' AND end_time < '" + to + "' GROUP BY user_name ORDER BY e"),
                new Question("wasted CPU-hours by account, 30 days",
                        "groupBy=account&metrics=cpuHours,cpuHoursUsed,wastedCpuHours&sort=-wastedCpuHours&from=" + d30 + "&to=" + to,
                        "SELECT account, SUM(cpu_seconds), SUM(cpu_used_ms), SUM(IF(cpu_used_ms IS NULL, 0, cpu_seconds * 1000 "
                                + "- cpu_used_ms)) w FROM acct_job WHERE end_time >= '" + d30 + "' AND end_time < '" + to
                                + "' GROUP BY account ORDER BY w DESC"),
                new Question("memory + time limits by user, 30 days",
                        "groupBy=user&metrics=memRequestedGiBHours,memPeakGiBHours,meanMemPeakGiB,memEfficiency,timeLimitUse,"
                                + "lowTimeLimitUseShare&sort=-memRequestedGiBHours&size=1000&from=" + d30 + "&to=" + to,
                        "SELECT user_name, SUM(memory_mb * elapsed_seconds) r, SUM(max_rss_bytes DIV 1048576 * nodes * elapsed_seconds), "
                                + "AVG(max_rss_bytes), AVG(max_rss_bytes / (memory_mb DIV nodes * 1048576)), "
                                + "AVG(elapsed_seconds / (time_limit_min * 60)), AVG(elapsed_seconds * 4 < time_limit_min * 60) "
                                + "FROM acct_job WHERE end_time >= '" + d30 + "' AND end_time < '" + to + "' GROUP BY user_name ORDER BY r DESC"),
                new Question("efficiency by partition per month, 1 year",
                        "groupBy=partition&period=month&metrics=cpuEfficiency,wastedCpuHours,memEfficiency,timeLimitUse"
                                + "&from=" + y1 + "&to=" + to,
                        "SELECT CAST(DATE_FORMAT(end_time, '%Y-%m-01') AS DATE) m, partition_name, SUM(cpu_used_ms), "
                                + "SUM(cpu_seconds), AVG(max_rss_bytes / (memory_mb DIV nodes * 1048576)), "
                                + "AVG(elapsed_seconds / (time_limit_min * 60)) FROM acct_job WHERE end_time >= '" + y1
                                + "' AND end_time < '" + to + "' GROUP BY m, partition_name"),
                new Question("by user, last 24 h to the second (job table)",
                        "groupBy=user&metrics=jobs,cpuHours,meanWait&from=" + dataEnd.minus(Duration.ofHours(24)).plusSeconds(1)
                                + "&to=" + dataEnd.plusSeconds(1),
                        "SELECT user_name, COUNT(*), SUM(cpu_seconds), AVG(wait_seconds) FROM acct_job WHERE end_time >= '"
                                + JobStore.utc(dataEnd.minus(Duration.ofHours(24)).plusSeconds(1)) + "' AND end_time < '"
                                + JobStore.utc(dataEnd.plusSeconds(1)) + "' GROUP BY user_name"));

        // Through a logged-in session, as the Cosmos page calls the API; HTTP basic is timed once below, because it
        // adds a bcrypt check of the password to every call.
        TestHttp admin = new TestHttp(port);
        assertThat(admin.formLogin("admin", "admin-test-password").header("Location")).doesNotContain("error");
        out.add(String.format("%-44s %10s %10s %10s %10s %8s", "question", "API p50", "API p95", "SQL p50", "SQL p95", "SQL/API"));
        for (Question q : questions) {
            double[] api = time(API_REPS, () -> {
                TestHttp.Response r = admin.get("/api/v1/accounting/usage?" + q.api());
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            });
            double[] sql = time(SQL_REPS, () -> jdbc.sql(q.sql()).query().listOfRows());
            System.out.println("[bench] " + q.name() + " done");
            out.add(String.format("%-44s %8.1fms %8.1fms %8.1fms %8.1fms %7.1fx", q.name(), api[0], api[1], sql[0], sql[1], sql[0] / api[0]));
        }
        TestHttp basic = new TestHttp(port).basic("admin", "admin-test-password");
        double[] withBasic = time(API_REPS, () -> assertThat(basic.get("/api/v1/accounting/usage?" + questions.get(2).api()).status())
                .isEqualTo(200));
        out.add(String.format("%-44s %8.1fms %8.1fms", "(" + questions.get(2).name() + ", HTTP basic)", withBasic[0], withBasic[1]));
        // Job searches list single jobs: one user's last week, and everyone's last day (the first page and the count).
        String d7 = end.minusDays(15).toString();
        String d1 = end.minusDays(9).toString();
        String d0 = end.minusDays(8).toString();
        List<Question> searches = List.of(
                new Question("job search: one user, last 7 days of data",
                        "users=u7&from=" + d7 + "&to=" + to,
                        "SELECT * FROM acct_job WHERE user_name = 'u7' AND submit_time < '" + to + "' AND (end_time IS NULL OR end_time >= '"
                                + d7 + "') ORDER BY submit_time DESC LIMIT 50"),
                new Question("job search: all users, last day of data",
                        "from=" + d1 + "&to=" + d0,
                        "SELECT * FROM acct_job WHERE submit_time < '" + d0 + "' AND (end_time IS NULL OR end_time >= '"
                                + d1 + "') ORDER BY submit_time DESC LIMIT 50"));
        for (Question q : searches) {
            double[] api = time(API_REPS, () -> {
                TestHttp.Response r = admin.get("/api/v1/accounting/jobs?" + q.api());
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            });
            double[] sql = time(SQL_REPS, () -> jdbc.sql(q.sql()).query().listOfRows());
            out.add(String.format("%-44s %8.1fms %8.1fms %8.1fms %8.1fms %7.1fx", q.name(), api[0], api[1], sql[0], sql[1], sql[0] / api[0]));
        }
        out.forEach(System.out::println);
        Files.write(Path.of("target/bench-accounting.txt"), out);
    }

    /** p50 and p95 in ms over {@code reps} runs after one warm-up (none for a single run: a scan of 10M rows is minutes). */
    private static double[] time(int reps, Runnable r) {
        if (reps > 1) {
            r.run();
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[reps / 2], ms[(int) Math.ceil(reps * 0.95) - 1]};
    }
}
