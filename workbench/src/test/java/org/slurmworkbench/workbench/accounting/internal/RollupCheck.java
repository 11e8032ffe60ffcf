package org.slurmworkbench.workbench.accounting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Both rollups must be exactly what a plain GROUP BY of the job table gives, row by row and measure by measure. */
public final class RollupCheck {

    /** The efficiency measures from each job as the job-table questions compute them (V92, V95). */
    private static final String MEASURES = """
            COUNT(*) jobs, SUM(cpu_seconds) cpu, SUM(gpu_seconds) gpu, COALESCE(SUM(wait_seconds), 0) wait,
            COUNT(wait_seconds) started, SUM(elapsed_seconds) elapsed, """
            + String.join(", ", UsageStore.EFFICIENCY_PER_JOB.entrySet().stream()
                    .map(e -> "SUM(" + e.getValue() + ") " + e.getKey()).toList());
    private static final String KEYS = "user_name, account, partition_name, qos, state";

    private RollupCheck() {
    }

    public static void assertRollupsEqualJobTable(JdbcClient jdbc, String cluster) {
        check(jdbc, cluster, "acct_daily", "day", "DATE(end_time)");
        check(jdbc, cluster, "acct_monthly", "month", "CAST(DATE_FORMAT(end_time, '%Y-%m-01') AS DATE)");
        check(jdbc, cluster, "acct_yearly", "year", "MAKEDATE(YEAR(end_time), 1)");
    }

    private static void check(JdbcClient jdbc, String cluster, String table, String period, String bucket) {
        String fromJobs = "SELECT " + bucket + " p, " + KEYS + ", " + MEASURES + " FROM acct_job WHERE cluster = ? "
                + "AND end_time IS NOT NULL GROUP BY p, " + KEYS + " ORDER BY p, " + KEYS;
        String fromRollup = "SELECT " + period + " p, " + KEYS + ", jobs, cpu_seconds cpu, gpu_seconds gpu, wait_seconds wait, "
                + "started_jobs started, elapsed_seconds elapsed, "
                + String.join(", ", UsageStore.EFFICIENCY_PER_JOB.keySet()) + " FROM " + table
                + " WHERE cluster = ? ORDER BY p, " + KEYS;
        assertThat(jdbc.sql(fromRollup).param(cluster).query().listOfRows().toString())
                .as(table + " of " + cluster)
                .isEqualTo(jdbc.sql(fromJobs).param(cluster).query().listOfRows().toString());
    }
}
