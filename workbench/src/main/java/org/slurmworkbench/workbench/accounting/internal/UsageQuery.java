package org.slurmworkbench.workbench.accounting.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A validated grouped-usage question. Names in groupBy, metrics and sort come from the whitelists below. */
record UsageQuery(Filters filters, List<String> groupBy, String period, List<String> metrics, String sort,
                  boolean descending, int page, int size) {

    /** Group-by names and their columns (same names in acct_job and acct_daily). */
    static final Map<String, String> GROUPS = Map.of("cluster", "cluster", "user", "user_name", "account", "account",
            "partition", "partition_name", "qos", "qos", "state", "state");
    static final List<String> GROUP_NAMES = List.of("cluster", "user", "account", "partition", "qos", "state");
    static final List<String> PERIODS = List.of("day", "week", "month");
    static final List<String> METRICS = List.of("jobs", "cpuHours", "cpuSeconds", "gpuHours", "gpuSeconds",
            "meanWait", "p95Wait", "meanElapsed", "share");
    static final List<String> DEFAULT_METRICS = List.of("jobs", "cpuHours", "gpuHours", "meanWait", "meanElapsed", "share");

    /** p95 and job-name prefixes need single jobs; so do windows that are not whole UTC days. */
    boolean needsJobTable() {
        return metrics.contains("p95Wait") || filters.name() != null || !filters.dayAligned();
    }

    /** A range {@code [from, to)} of one rollup table in its period column. */
    record RollupPart(String table, String column, LocalDate from, LocalDate to) {
    }

    /**
     * Where a rollup question reads: whole months from {@code acct_monthly} (unless days or weeks are asked for,
     * which months do not align with), the days around them from {@code acct_daily}.
     */
    List<RollupPart> rollupParts() {
        LocalDate from = LocalDate.ofInstant(filters.from(), ZoneOffset.UTC);
        LocalDate to = LocalDate.ofInstant(filters.to(), ZoneOffset.UTC);
        if (period == null || period.equals("month")) {
            LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
            LocalDate endMonth = to.withDayOfMonth(1);
            if (firstMonth.isBefore(endMonth)) {
                List<RollupPart> parts = new ArrayList<>();
                if (from.isBefore(firstMonth)) {
                    parts.add(daily(from, firstMonth));
                }
                parts.add(new RollupPart("acct_monthly", "month", firstMonth, endMonth));
                if (endMonth.isBefore(to)) {
                    parts.add(daily(endMonth, to));
                }
                return parts;
            }
        }
        return List.of(daily(from, to));
    }

    private static RollupPart daily(LocalDate from, LocalDate to) {
        return new RollupPart("acct_daily", "day", from, to);
    }

    /** What answered, for the API's {@code source}: "jobs", "acct_daily" or e.g. "acct_daily+acct_monthly". */
    String source() {
        return needsJobTable() ? "jobs"
                : String.join("+", rollupParts().stream().map(RollupPart::table).distinct().sorted().toList());
    }

    /** Output column names in order: period, groups, metrics. */
    List<String> columns() {
        var out = new java.util.ArrayList<String>();
        if (period != null) {
            out.add("period");
        }
        out.addAll(groupBy);
        out.addAll(metrics);
        return out;
    }
}
