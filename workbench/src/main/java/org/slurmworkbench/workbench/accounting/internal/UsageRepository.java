package org.slurmworkbench.workbench.accounting.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Answers {@link UsageQuery}s from the rollups where it can (whole UTC days, no job-name filter, no p95) and
 * from the job table otherwise. SQL text is assembled only from whitelisted column names; values are parameters.
 */
@Repository
class UsageRepository {

    record Page(List<Map<String, Object>> rows, long total, Map<String, Object> totals) {
    }

    private final JdbcTemplate jdbc;

    UsageRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One query: the page of groups, and (as window functions over the grouped rows) the number of groups and the
     * grand totals that {@code share} divides by. Only a page past the end needs the separate count and totals.
     */
    Page page(UsageQuery q) {
        List<Object> args = Filters.args();
        String grouped = grouped(q, args);
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(q.size());
        pageArgs.add((long) (q.page() - 1) * q.size());
        List<Map<String, Object>> totalsSeen = new ArrayList<>();
        long[] total = {0};
        List<Map<String, Object>> rows = jdbc.query(grouped + orderBy(q) + " LIMIT ? OFFSET ?", (rs, n) -> {
            if (n == 0) {
                total[0] = rs.getLong("total_groups");
                totalsSeen.add(totals(rs.getLong("all_jobs"), rs.getLong("all_cpu"), rs.getLong("all_gpu")));
            }
            return row(q, rs);
        }, pageArgs.toArray());
        if (!rows.isEmpty()) {
            return new Page(rows, total[0], totalsSeen.getFirst());
        }
        if (q.page() == 1) {
            return new Page(rows, 0, totals(0, 0, 0));
        }
        long count = jdbc.queryForObject("SELECT COUNT(*) FROM (" + grouped + ") g", Long.class, args.toArray());
        return new Page(rows, count, totals(q));
    }

    /** Every group, in order, one at a time (for CSV of any size). */
    void stream(UsageQuery q, Consumer<Map<String, Object>> sink) {
        List<Object> args = Filters.args();
        String sql = grouped(q, args) + orderBy(q);
        jdbc.query(con -> {
            var ps = con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(1000);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }, rs -> {
            sink.accept(row(q, rs));
        });
    }

    /** Sums over the whole filtered range: the denominator of share. */
    Map<String, Object> totals(UsageQuery q) {
        List<Object> args = Filters.args();
        String sql = q.needsJobTable()
                ? "SELECT COUNT(*), COALESCE(SUM(cpu_seconds), 0), COALESCE(SUM(gpu_seconds), 0) FROM acct_job"
                  + q.filters().where("end_time", args)
                : "SELECT COALESCE(SUM(jobs), 0), COALESCE(SUM(cpu_seconds), 0), COALESCE(SUM(gpu_seconds), 0) FROM "
                  + rollup(q, List.of(), args);
        return jdbc.queryForObject(sql, (rs, n) -> totals(rs.getLong(1), rs.getLong(2), rs.getLong(3)), args.toArray());
    }

    private static Map<String, Object> totals(long jobs, long cpu, long gpu) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobs", jobs);
        m.put("cpuSeconds", cpu);
        m.put("cpuHours", hours(cpu));
        m.put("gpuSeconds", gpu);
        m.put("gpuHours", hours(gpu));
        return m;
    }

    private static String grouped(UsageQuery q, List<Object> args) {
        List<String> keys = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT ");
        boolean jobs = q.needsJobTable();
        if (q.period() != null) {
            select.append(jobs ? bucket(q.period(), "DATE(end_time)") : "period").append(" AS period, ");
            keys.add("period");
        }
        for (String g : q.groupBy()) {
            select.append(jobs ? UsageQuery.GROUPS.get(g) : "g_" + g).append(" AS g_").append(g).append(", ");
            keys.add("g_" + g);
        }
        String groupBy = keys.isEmpty() ? "" : " GROUP BY " + String.join(", ", keys);
        if (!jobs) {
            select.append("SUM(jobs) AS jobs, SUM(cpu_seconds) AS cpu_seconds, SUM(gpu_seconds) AS gpu_seconds, ")
                    .append("SUM(wait_seconds) AS wait_seconds, SUM(started_jobs) AS started_jobs, ")
                    .append("SUM(elapsed_seconds) AS elapsed_seconds, NULL AS p95_wait, ")
                    .append("COUNT(*) OVER () AS total_groups, SUM(SUM(jobs)) OVER () AS all_jobs, ")
                    .append("SUM(SUM(cpu_seconds)) OVER () AS all_cpu, SUM(SUM(gpu_seconds)) OVER () AS all_gpu FROM ")
                    .append(rollup(q, keys, args));
            return select.append(groupBy).toString();
        }
        // p95 per group: MariaDB has PERCENTILE_CONT only as a window function, so it runs over the filtered jobs.
        List<String> partition = new ArrayList<>();
        if (q.period() != null) {
            partition.add(bucket(q.period(), "DATE(end_time)"));
        }
        q.groupBy().forEach(g -> partition.add(UsageQuery.GROUPS.get(g)));
        String p95 = q.metrics().contains("p95Wait")
                ? "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY wait_seconds) OVER ("
                  + (partition.isEmpty() ? "" : "PARTITION BY " + String.join(", ", partition)) + ")"
                : "NULL";
        String inner = "SELECT cluster, user_name, account, partition_name, qos, state, end_time, cpu_seconds, gpu_seconds, "
                + "wait_seconds, elapsed_seconds, " + p95 + " AS p95_wait FROM acct_job" + q.filters().where("end_time", args);
        select.append("COUNT(*) AS jobs, SUM(cpu_seconds) AS cpu_seconds, SUM(gpu_seconds) AS gpu_seconds, ")
                .append("COALESCE(SUM(wait_seconds), 0) AS wait_seconds, COUNT(wait_seconds) AS started_jobs, ")
                .append("SUM(elapsed_seconds) AS elapsed_seconds, MAX(p95_wait) AS p95_wait, ")
                .append("COUNT(*) OVER () AS total_groups, SUM(COUNT(*)) OVER () AS all_jobs, ")
                .append("SUM(SUM(cpu_seconds)) OVER () AS all_cpu, SUM(SUM(gpu_seconds)) OVER () AS all_gpu FROM (")
                .append(inner).append(") j");
        return select.append(groupBy).toString();
    }

    /**
     * The rollup rows of the filtered range, already summed per output key in each part ({@link
     * UsageQuery#rollupParts}), as a derived table {@code r} with columns period, g_*, and the sums.
     */
    private static String rollup(UsageQuery q, List<String> keys, List<Object> args) {
        List<String> parts = new ArrayList<>();
        for (UsageQuery.RollupPart part : q.rollupParts()) {
            StringBuilder sql = new StringBuilder("SELECT ");
            if (keys.contains("period")) {
                sql.append(bucket(q.period(), part.column())).append(" AS period, ");
            }
            for (String g : q.groupBy()) {
                if (keys.contains("g_" + g)) { // the totals ask for no keys at all
                    sql.append(UsageQuery.GROUPS.get(g)).append(" AS g_").append(g).append(", ");
                }
            }
            sql.append("SUM(jobs) AS jobs, SUM(cpu_seconds) AS cpu_seconds, SUM(gpu_seconds) AS gpu_seconds, ")
                    .append("SUM(wait_seconds) AS wait_seconds, SUM(started_jobs) AS started_jobs, ")
                    .append("SUM(elapsed_seconds) AS elapsed_seconds FROM ").append(part.table())
                    .append(q.filters().where(part, args));
            if (!keys.isEmpty()) {
                sql.append(" GROUP BY ").append(String.join(", ", keys));
            }
            parts.add(sql.toString());
        }
        return "(" + String.join(" UNION ALL ", parts) + ") r";
    }

    private static String bucket(String period, String day) {
        return switch (period) {
            case "week" -> "DATE_SUB(" + day + ", INTERVAL WEEKDAY(" + day + ") DAY)";
            case "month" -> "CAST(DATE_FORMAT(" + day + ", '%Y-%m-01') AS DATE)";
            default -> day;
        };
    }

    /** The sort key from its whitelist, then every key, so pages are stable. */
    private static String orderBy(UsageQuery q) {
        String dir = q.descending() ? " DESC" : " ASC";
        String first = switch (q.sort()) {
            case "period" -> "period";
            case "jobs" -> "jobs";
            case "cpuHours", "cpuSeconds", "share" -> "cpu_seconds";
            case "gpuHours", "gpuSeconds" -> "gpu_seconds";
            case "meanWait" -> "wait_seconds / NULLIF(started_jobs, 0)";
            case "p95Wait" -> "p95_wait";
            case "meanElapsed" -> "elapsed_seconds / NULLIF(jobs, 0)";
            default -> "g_" + q.sort();
        };
        StringBuilder sql = new StringBuilder(" ORDER BY ").append(first).append(dir);
        if (q.period() != null && !q.sort().equals("period")) {
            sql.append(", period");
        }
        q.groupBy().forEach(g -> sql.append(", g_").append(g));
        return sql.toString();
    }

    private static Map<String, Object> row(UsageQuery q, ResultSet rs) throws SQLException {
        long allCpu = rs.getLong("all_cpu");
        Map<String, Object> m = new LinkedHashMap<>();
        if (q.period() != null) {
            m.put("period", rs.getObject("period", LocalDate.class).toString());
        }
        for (String g : q.groupBy()) {
            m.put(g, rs.getString("g_" + g));
        }
        long jobs = rs.getLong("jobs");
        long cpu = rs.getLong("cpu_seconds");
        long gpu = rs.getLong("gpu_seconds");
        long started = rs.getLong("started_jobs");
        for (String metric : q.metrics()) {
            m.put(metric, switch (metric) {
                case "jobs" -> jobs;
                case "cpuSeconds" -> cpu;
                case "cpuHours" -> hours(cpu);
                case "gpuSeconds" -> gpu;
                case "gpuHours" -> hours(gpu);
                case "meanWait" -> started == 0 ? null : round(rs.getLong("wait_seconds") / (double) started);
                case "p95Wait" -> rs.getObject("p95_wait") == null ? null : round(rs.getDouble("p95_wait"));
                case "meanElapsed" -> jobs == 0 ? null : round(rs.getLong("elapsed_seconds") / (double) jobs);
                case "share" -> allCpu == 0 ? null : BigDecimal.valueOf(cpu).divide(BigDecimal.valueOf(allCpu), 6, RoundingMode.HALF_UP);
                default -> throw new IllegalStateException("metric " + metric);
            });
        }
        return m;
    }

    static BigDecimal hours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP);
    }
}
