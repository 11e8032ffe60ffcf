package org.slurmworkbench.workbench.accounting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Both rollups must be exactly what a plain GROUP BY of the job table gives, row by row and measure by measure. */
public final class RollupCheck {

    private static final String MEASURES = """
            COUNT(*) jobs, SUM(cpu_seconds) cpu, SUM(gpu_seconds) gpu, COALESCE(SUM(wait_seconds), 0) wait,
            COUNT(wait_seconds) started, SUM(elapsed_seconds) elapsed,
            SUM(cpu_used_ms IS NOT NULL AND cpu_seconds > 0) measured,
            SUM(IF(cpu_used_ms IS NOT NULL AND cpu_seconds > 0, cpu_seconds, 0)) given,
            SUM(IF(cpu_used_ms IS NOT NULL AND cpu_seconds > 0, cpu_used_ms, 0)) used,
            SUM(cpu_used_ms IS NOT NULL AND cpu_seconds > 0 AND cpu_used_ms < 250 * cpu_seconds) low""";
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
                + "started_jobs started, elapsed_seconds elapsed, measured_jobs measured, measured_cpu_seconds given, "
                + "cpu_used_ms used, low_cpu_jobs low FROM " + table + " WHERE cluster = ? ORDER BY p, " + KEYS;
        assertThat(jdbc.sql(fromRollup).param(cluster).query().listOfRows().toString())
                .as(table + " of " + cluster)
                .isEqualTo(jdbc.sql(fromJobs).param(cluster).query().listOfRows().toString());
    }
}
