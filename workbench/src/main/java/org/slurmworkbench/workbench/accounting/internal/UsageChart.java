package org.slurmworkbench.workbench.accounting.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the page's ECharts chart draws, from usage rows, for one metric ({@code metric}; its label with unit is the
 * axis): the top groups by CPU-hours, as horizontal bars without a period; with a period, sums (CPU-hours, GiB-hours,
 * jobs, ...) as stacked bars per period with the rest summed as "other", and means and shares as one line per group.
 * Shares (0..1 in the API) are drawn in percent.
 */
record UsageChart(String type, String axis, List<String> categories, List<Series> series) {

    record Series(String name, List<BigDecimal> data) {
    }

    private static final int TOP = 10;

    /** The metrics a chart can draw; p95 (computed per group in the app) and the seconds twins are left out. */
    static final List<String> METRICS = UsageQuery.METRICS.stream()
            .filter(m -> !Set.of("p95Wait", "cpuSeconds", "gpuSeconds").contains(m)).toList();

    /** Metrics whose groups add up, so a period's bars can be stacked. */
    private static final Set<String> SUMS = Set.of("jobs", "cpuHours", "gpuHours", "share", "cpuHoursUsed",
            "wastedCpuHours", "memRequestedGiBHours", "memPeakGiBHours");

    /** Metrics that are a share 0..1, drawn in percent. */
    static final Set<String> SHARES = Set.of("cpuEfficiency", "lowCpuEfficiencyShare", "memEfficiency", "timeLimitUse",
            "lowTimeLimitUseShare");

    static UsageChart of(UsageQuery q, String metric, String axis, List<Map<String, Object>> rows) {
        Map<String, BigDecimal> cpuByGroup = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            cpuByGroup.merge(label(q, r), (BigDecimal) r.get("cpuHours"), BigDecimal::add);
        }
        List<String> top = cpuByGroup.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed())
                .limit(TOP).map(Map.Entry::getKey).toList();
        if (q.period() == null) {
            Map<String, BigDecimal> value = new LinkedHashMap<>();
            rows.forEach(r -> value.put(label(q, r), value(r, metric)));
            return new UsageChart("bars", axis, top, List.of(new Series(metric, top.stream().map(value::get).toList())));
        }
        List<String> periods = new ArrayList<>(new TreeSet<>(rows.stream().map(r -> (String) r.get("period")).toList()));
        boolean sum = SUMS.contains(metric);
        Map<String, BigDecimal[]> data = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            boolean shown = top.contains(label(q, r));
            if (!shown && !sum) {
                continue; // a mean of the rest would need the rest's counts: only the top groups' lines
            }
            String name = shown ? label(q, r) : "other";
            BigDecimal[] values = data.computeIfAbsent(name, k -> new BigDecimal[periods.size()]);
            int i = periods.indexOf((String) r.get("period"));
            BigDecimal v = value(r, metric);
            values[i] = sum ? nz(values[i]).add(nz(v)) : v;
        }
        if (sum) {
            data.values().forEach(a -> java.util.Arrays.setAll(a, i -> nz(a[i])));
        }
        List<Series> series = data.entrySet().stream()
                .map(e -> new Series(e.getKey(), java.util.Arrays.asList(e.getValue()))).toList();
        return new UsageChart(sum ? "stacked" : "lines", axis, periods, series);
    }

    /** A row's value of the metric, shares in percent; null where the group has none. */
    private static BigDecimal value(Map<String, Object> r, String metric) {
        Object v = r.get(metric);
        BigDecimal d = v == null ? null : v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
        return d != null && SHARES.contains(metric) ? d.movePointRight(2) : d;
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static String label(UsageQuery q, Map<String, Object> r) {
        if (q.groupBy().isEmpty()) {
            return "all";
        }
        return String.join(" / ", q.groupBy().stream().map(g -> String.valueOf(r.get(g))).toList());
    }
}
