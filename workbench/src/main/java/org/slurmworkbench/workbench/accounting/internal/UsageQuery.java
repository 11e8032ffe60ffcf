package org.slurmworkbench.workbench.accounting.internal;

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
