package org.slurmworkbench.workbench.accounting.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Answers {@link UsageQuery}s from the rollups where it can (whole UTC days, no job-name filter) and from the job
 * table otherwise; the p95 wait, which no rollup can hold, comes from {@link WaitPercentiles} either way. SQL text is
 * assembled only from whitelisted column names; values are parameters.
 */
@Repository
class UsageStore {

    record Page(List<Map<String, Object>> rows, long total, Map<String, Object> totals) {
    }

    /** A job row counted for CPU efficiency (as {@link RollupDeltas.Counted#measured()}). */
    private static final String MEASURED = "(cpu_used_ms IS NOT NULL AND cpu_seconds > 0)";
    /** A job row counted for memory (as {@link RollupDeltas.Counted#memoryMeasured()}). */
    private static final String MEM = "(max_rss_bytes IS NOT NULL AND nodes > 0 AND memory_mb >= nodes)";
    /** A job row counted for its time limit (as {@link RollupDeltas.Counted#limitMeasured()}). */
    private static final String LIMIT = "(time_limit_min IS NOT NULL AND time_limit_min > 0 AND elapsed_seconds > 0)";

    /**
     * The efficiency measures of the rollups (V92, V95) and what one job of {@code acct_job} adds to each, in the same
     * integers as {@link RollupDeltas}: summed alike over rollup rows and over these per-job values.
     */
    static final Map<String, String> EFFICIENCY_PER_JOB = efficiencyPerJob();

    private static Map<String, String> efficiencyPerJob() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("measured_jobs", "IF(" + MEASURED + ", 1, 0)");
        m.put("measured_cpu_seconds", "IF(" + MEASURED + ", cpu_seconds, 0)");
        m.put("cpu_used_ms", "IF(" + MEASURED + ", cpu_used_ms, 0)");
        m.put("low_cpu_jobs", "IF(" + MEASURED + " AND cpu_used_ms < 250 * cpu_seconds, 1, 0)");
        m.put("mem_jobs", "IF(" + MEM + ", 1, 0)");
        m.put("mem_requested_mb_seconds", "IF(" + MEM + ", memory_mb * elapsed_seconds, 0)");
        m.put("mem_peak_mb_seconds", "IF(" + MEM + ", (max_rss_bytes DIV 1048576) * nodes * elapsed_seconds, 0)");
        m.put("mem_requested_mb", "IF(" + MEM + ", memory_mb DIV nodes, 0)");
        m.put("mem_peak_mb", "IF(" + MEM + ", max_rss_bytes DIV 1048576, 0)");
        m.put("mem_efficiency_ppm", "IF(" + MEM + ", (max_rss_bytes DIV 1024) * 1000000 DIV ((memory_mb DIV nodes) * 1024), 0)");
        m.put("limit_jobs", "IF(" + LIMIT + ", 1, 0)");
        m.put("limit_use_ppm", "IF(" + LIMIT + ", elapsed_seconds * 1000000 DIV (time_limit_min * 60), 0)");
        m.put("low_limit_jobs", "IF(" + LIMIT + " AND elapsed_seconds * 4 < time_limit_min * 60, 1, 0)");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The efficiency measures summed, as {@code SUM(x) AS x, }. */
    private static final String EFFICIENCY_SUMS = String.join("", EFFICIENCY_PER_JOB.keySet().stream()
            .map(c -> "SUM(" + c + ") AS " + c + ", ").toList());

    private final JdbcTemplate jdbc;
    private final WaitPercentiles percentiles;

    UsageStore(JdbcTemplate jdbc, WaitPercentiles percentiles) {
        this.jdbc = jdbc;
        this.percentiles = percentiles;
    }

    /**
     * One query: the page of groups, and (as window functions over the grouped rows) the number of groups and the
     * grand totals that {@code share} divides by. Only a page past the end needs the separate count and totals.
     */
    Page page(UsageQuery q) {
        if (sortsByP95(q)) {
            return pageSortedByP95(q);
        }
        Map<String, Double> p95 = p95(q);
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
            return fill(q, row(q, rs), p95);
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

    /** Every group of a question, in order, handed to a sink one at a time. */
    @FunctionalInterface
    interface Groups {
        void to(Consumer<Map<String, Object>> sink);
    }

    /**
     * Every group, in order, one at a time (for CSV of any size). The percentiles are computed here, before a caller
     * writes anything, so a question refused for them is still answered with its 400, not a cut-off 200.
     */
    Groups stream(UsageQuery q) {
        if (sortsByP95(q)) {
            List<Map<String, Object>> all = allSortedByP95(q);
            return all::forEach;
        }
        Map<String, Double> p95 = p95(q);
        return sink -> eachGroup(q, row -> sink.accept(fill(q, row, p95)));
    }

    /**
     * A page of groups in p95 order: the percentiles are computed here, not in SQL, so every group is read and sorted
     * (a question asking for p95 reads every job of its range anyway).
     */
    private Page pageSortedByP95(UsageQuery q) {
        List<Map<String, Object>> all = allSortedByP95(q);
        int from = (int) Math.min(all.size(), (long) (q.page() - 1) * q.size());
        List<Map<String, Object>> rows = new ArrayList<>(all.subList(from, Math.min(all.size(), from + q.size())));
        return new Page(rows, all.size(), totals(q));
    }

    private List<Map<String, Object>> allSortedByP95(UsageQuery q) {
        Map<String, Double> p95 = p95(q);
        List<Map<String, Object>> all = new ArrayList<>();
        eachGroup(q, all::add);
        // as MariaDB orders: groups without a started job (no p95) first when ascending, last when descending; the
        // order by period and group values of the SQL above stays among equal percentiles (the sort is stable)
        Comparator<Double> order = q.descending() ? Comparator.nullsLast(Comparator.<Double>reverseOrder())
                : Comparator.nullsFirst(Comparator.<Double>naturalOrder());
        all.sort(Comparator.comparing(row -> p95.get(key(q, row)), order));
        all.replaceAll(row -> fill(q, row, p95));
        return all;
    }

    private void eachGroup(UsageQuery q, Consumer<Map<String, Object>> sink) {
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

    private static boolean sortsByP95(UsageQuery q) {
        return q.sort().equals("p95Wait");
    }

    private Map<String, Double> p95(UsageQuery q) {
        return q.metrics().contains("p95Wait") || sortsByP95(q) ? percentiles.p95(q) : Map.of();
    }

    /** The row with its group's p95 wait put in. */
    private static Map<String, Object> fill(UsageQuery q, Map<String, Object> row, Map<String, Double> p95) {
        if (q.metrics().contains("p95Wait")) {
            row.put("p95Wait", roundOrNull(p95.get(key(q, row))));
        }
        return row;
    }

    private static String key(UsageQuery q, Map<String, Object> row) {
        List<String> values = new ArrayList<>();
        if (q.period() != null) {
            values.add((String) row.get("period"));
        }
        q.groupBy().forEach(g -> values.add((String) row.get(g)));
        return WaitPercentiles.key(values.toArray(String[]::new));
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
                    .append("SUM(elapsed_seconds) AS elapsed_seconds, ").append(EFFICIENCY_SUMS)
                    .append("COUNT(*) OVER () AS total_groups, SUM(SUM(jobs)) OVER () AS all_jobs, ")
                    .append("SUM(SUM(cpu_seconds)) OVER () AS all_cpu, SUM(SUM(gpu_seconds)) OVER () AS all_gpu FROM ")
                    .append(rollup(q, keys, args));
            return select.append(groupBy).toString();
        }
        String inner = "SELECT cluster, user_name, account, partition_name, qos, state, end_time, cpu_seconds, gpu_seconds, "
                + "wait_seconds, elapsed_seconds, " + String.join(", ", EFFICIENCY_PER_JOB.entrySet().stream()
                        .map(e -> e.getValue() + " AS " + e.getKey()).toList()) + " FROM acct_job"
                + q.filters().where("end_time", args);
        select.append("COUNT(*) AS jobs, SUM(cpu_seconds) AS cpu_seconds, SUM(gpu_seconds) AS gpu_seconds, ")
                .append("COALESCE(SUM(wait_seconds), 0) AS wait_seconds, COUNT(wait_seconds) AS started_jobs, ")
                .append("SUM(elapsed_seconds) AS elapsed_seconds, ").append(EFFICIENCY_SUMS)
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
                    .append("SUM(elapsed_seconds) AS elapsed_seconds, ")
                    .append(EFFICIENCY_SUMS.substring(0, EFFICIENCY_SUMS.length() - 2)).append(" FROM ").append(part.table())
                    .append(q.filters().where(part, args));
            if (!keys.isEmpty()) {
                sql.append(" GROUP BY ").append(String.join(", ", keys));
            }
            parts.add(sql.toString());
        }
        return "(" + String.join(" UNION ALL ", parts) + ") r";
    }

    static String bucket(String period, String day) {
        return switch (period) {
            case "week" -> "DATE_SUB(" + day + ", INTERVAL WEEKDAY(" + day + ") DAY)";
            case "month" -> "CAST(DATE_FORMAT(" + day + ", '%Y-%m-01') AS DATE)";
            default -> day;
        };
    }

    /** The sort key from its whitelist, then every key, so pages are stable. */
    private static String orderBy(UsageQuery q) {
        List<String> keys = new ArrayList<>();
        String dir = q.descending() ? " DESC" : " ASC";
        switch (q.sort()) {
            case "p95Wait" -> { } // sorted in Java (allSortedByP95), stably, after the keys below
            case "period" -> keys.add("period" + dir);
            case "jobs" -> keys.add("jobs" + dir);
            case "cpuHours", "cpuSeconds", "share" -> keys.add("cpu_seconds" + dir);
            case "gpuHours", "gpuSeconds" -> keys.add("gpu_seconds" + dir);
            case "meanWait" -> keys.add("wait_seconds / NULLIF(started_jobs, 0)" + dir);
            case "meanElapsed" -> keys.add("elapsed_seconds / NULLIF(jobs, 0)" + dir);
            case "cpuHoursUsed" -> keys.add("cpu_used_ms" + dir);
            case "wastedCpuHours" -> keys.add("(measured_cpu_seconds * 1000 - cpu_used_ms)" + dir);
            case "cpuEfficiency" -> keys.add("cpu_used_ms / NULLIF(measured_cpu_seconds * 1000, 0)" + dir);
            case "lowCpuEfficiencyShare" -> keys.add("low_cpu_jobs / NULLIF(measured_jobs, 0)" + dir);
            case "memRequestedGiBHours" -> keys.add("mem_requested_mb_seconds" + dir);
            case "memPeakGiBHours" -> keys.add("mem_peak_mb_seconds" + dir);
            case "meanMemRequestedGiB" -> keys.add("mem_requested_mb / NULLIF(mem_jobs, 0)" + dir);
            case "meanMemPeakGiB" -> keys.add("mem_peak_mb / NULLIF(mem_jobs, 0)" + dir);
            case "memEfficiency" -> keys.add("mem_efficiency_ppm / NULLIF(mem_jobs, 0)" + dir);
            case "timeLimitUse" -> keys.add("limit_use_ppm / NULLIF(limit_jobs, 0)" + dir);
            case "lowTimeLimitUseShare" -> keys.add("low_limit_jobs / NULLIF(limit_jobs, 0)" + dir);
            default -> keys.add("g_" + q.sort() + dir);
        }
        if (q.period() != null && !q.sort().equals("period")) {
            keys.add("period");
        }
        q.groupBy().forEach(g -> keys.add("g_" + g));
        return keys.isEmpty() ? "" : " ORDER BY " + String.join(", ", keys);
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
        long measured = rs.getLong("measured_jobs");
        long given = rs.getLong("measured_cpu_seconds");
        long usedMs = rs.getLong("cpu_used_ms");
        long memJobs = rs.getLong("mem_jobs");
        long limitJobs = rs.getLong("limit_jobs");
        for (String metric : q.metrics()) {
            m.put(metric, switch (metric) {
                case "jobs" -> jobs;
                case "cpuSeconds" -> cpu;
                case "cpuHours" -> hours(cpu);
                case "gpuSeconds" -> gpu;
                case "gpuHours" -> hours(gpu);
                case "meanWait" -> started == 0 ? null : round(rs.getLong("wait_seconds") / (double) started);
                case "p95Wait" -> null; // put in by fill, from WaitPercentiles
                case "meanElapsed" -> jobs == 0 ? null : round(rs.getLong("elapsed_seconds") / (double) jobs);
                case "share" -> allCpu == 0 ? null : BigDecimal.valueOf(cpu).divide(BigDecimal.valueOf(allCpu), 6, RoundingMode.HALF_UP);
                case "cpuHoursUsed" -> hoursOfMillis(usedMs);
                case "wastedCpuHours" -> hoursOfMillis(given * 1000 - usedMs);
                case "cpuEfficiency" -> given == 0 ? null
                        : BigDecimal.valueOf(usedMs).divide(BigDecimal.valueOf(given * 1000), 4, RoundingMode.HALF_UP);
                case "lowCpuEfficiencyShare" -> measured == 0 ? null
                        : BigDecimal.valueOf(rs.getLong("low_cpu_jobs")).divide(BigDecimal.valueOf(measured), 4, RoundingMode.HALF_UP);
                case "memRequestedGiBHours" -> ratio(rs.getLong("mem_requested_mb_seconds"), 1024L * 3600, 4);
                case "memPeakGiBHours" -> ratio(rs.getLong("mem_peak_mb_seconds"), 1024L * 3600, 4);
                case "meanMemRequestedGiB" -> memJobs == 0 ? null : ratio(rs.getLong("mem_requested_mb"), memJobs * 1024, 3);
                case "meanMemPeakGiB" -> memJobs == 0 ? null : ratio(rs.getLong("mem_peak_mb"), memJobs * 1024, 3);
                case "memEfficiency" -> memJobs == 0 ? null : ratio(rs.getLong("mem_efficiency_ppm"), memJobs * 1_000_000, 4);
                case "timeLimitUse" -> limitJobs == 0 ? null : ratio(rs.getLong("limit_use_ppm"), limitJobs * 1_000_000, 4);
                case "lowTimeLimitUseShare" -> limitJobs == 0 ? null : ratio(rs.getLong("low_limit_jobs"), limitJobs, 4);
                default -> throw new IllegalStateException("metric " + metric);
            });
        }
        return m;
    }

    private static BigDecimal ratio(long value, long divisor, int scale) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(divisor), scale, RoundingMode.HALF_UP);
    }

    static BigDecimal hours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP);
    }

    static BigDecimal hoursOfMillis(long millis) {
        return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(3_600_000), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal roundOrNull(Double v) {
        return v == null ? null : round(v);
    }

    private static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP);
    }
}
