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
    /**
     * {@code cpuHours} is what jobs were given (elapsed x CPUs). The efficiency metrics count the jobs whose steps' CPU
     * time slurmdbd recorded: {@code cpuHoursUsed} their CPU time, {@code wastedCpuHours} given minus used,
     * {@code cpuEfficiency} used / given (0..1), {@code lowCpuEfficiencyShare} the share of them under 25 %. Memory
     * metrics count the jobs with a sampled MaxRSS, time-limit metrics those with a limit that ran (docs/accounting.md).
     */
    static final List<String> METRICS = List.of("jobs", "cpuHours", "cpuSeconds", "gpuHours", "gpuSeconds",
            "meanWait", "p95Wait", "meanElapsed", "share", "cpuHoursUsed", "wastedCpuHours", "cpuEfficiency",
            "lowCpuEfficiencyShare", "memRequestedGiBHours", "memPeakGiBHours", "meanMemRequestedGiB", "meanMemPeakGiB",
            "memEfficiency", "timeLimitUse", "lowTimeLimitUseShare");
    static final List<String> DEFAULT_METRICS = List.of("jobs", "cpuHours", "gpuHours", "meanWait", "meanElapsed", "share");

    /** Job-name prefixes need single jobs; so do windows that are not whole UTC days. (p95: {@link WaitPercentiles}.) */
    boolean needsJobTable() {
        return filters.name() != null || !filters.dayAligned();
    }

    /** A range {@code [from, to)} of one rollup table in its period column. */
    record RollupPart(String table, String column, LocalDate from, LocalDate to) {
    }

    /**
     * Where a rollup question reads: whole years from {@code acct_yearly} and whole months from {@code acct_monthly}
     * (unless a period is asked for that they do not align with), the days around them from {@code acct_daily}.
     */
    List<RollupPart> rollupParts() {
        List<Level> levels = new ArrayList<>();
        if (period == null) {
            levels.add(Level.YEAR);
        }
        if (period == null || period.equals("month")) {
            levels.add(Level.MONTH);
        }
        levels.add(Level.DAY);
        List<RollupPart> parts = new ArrayList<>();
        split(LocalDate.ofInstant(filters.from(), ZoneOffset.UTC), LocalDate.ofInstant(filters.to(), ZoneOffset.UTC),
                levels, parts);
        return parts;
    }

    private enum Level {
        YEAR("acct_yearly", "year"), MONTH("acct_monthly", "month"), DAY("acct_daily", "day");

        final String table;
        final String column;

        Level(String table, String column) {
            this.table = table;
            this.column = column;
        }

        /** The first start of one of this level's periods on or after {@code d}. */
        LocalDate ceil(LocalDate d) {
            return switch (this) {
                case YEAR -> d.getDayOfYear() == 1 ? d : d.withDayOfYear(1).plusYears(1);
                case MONTH -> d.getDayOfMonth() == 1 ? d : d.withDayOfMonth(1).plusMonths(1);
                case DAY -> d;
            };
        }

        /** The last start of one of this level's periods on or before {@code d}. */
        LocalDate floor(LocalDate d) {
            return switch (this) {
                case YEAR -> d.withDayOfYear(1);
                case MONTH -> d.withDayOfMonth(1);
                case DAY -> d;
            };
        }
    }

    /** The coarsest level's whole periods inside [from, to), and the rest around them from the finer levels. */
    private static void split(LocalDate from, LocalDate to, List<Level> levels, List<RollupPart> parts) {
        if (!from.isBefore(to)) {
            return;
        }
        Level level = levels.getFirst();
        if (levels.size() == 1) {
            parts.add(new RollupPart(level.table, level.column, from, to));
            return;
        }
        List<Level> finer = levels.subList(1, levels.size());
        LocalDate first = level.ceil(from);
        LocalDate end = level.floor(to);
        if (!first.isBefore(end)) {
            split(from, to, finer, parts);
            return;
        }
        split(from, first, finer, parts);
        parts.add(new RollupPart(level.table, level.column, first, end));
        split(end, to, finer, parts);
    }

    /**
     * What answered, for the API's {@code source}: "jobs", "acct_daily" or e.g. "acct_daily+acct_monthly", and
     * "+jobs" when the p95 wait was read from the jobs beside the rollups.
     */
    String source() {
        if (needsJobTable()) {
            return "jobs";
        }
        String rollups = String.join("+", rollupParts().stream().map(RollupPart::table).distinct().sorted().toList());
        return metrics.contains("p95Wait") || sort.equals("p95Wait") ? rollups + "+jobs" : rollups;
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
