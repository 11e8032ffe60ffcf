package org.slurmworkbench.workbench.accounting.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.slurmworkbench.workbench.shared.Chart;

/**
 * The page's chart of usage rows for one metric ({@link Chart.Bars}, drawn by charts.js like every chart): the top
 * groups by CPU-hours as a sideways ranking without a period; with a period, sums (CPU-hours, GiB-hours, jobs, ...) as
 * stacked bars per period with the rest summed as "other", and means and shares as one line per group. Shares (0..1
 * in the API) are drawn in percent. {@code words} gives the chart's own words in the reader's language: "all" (no
 * grouping), "other" and the metric's name.
 */
final class UsageChart {

    private static final int TOP = 10;

    /** The metrics a chart can draw; p95 (computed per group in the app) and the seconds twins are left out. */
    static final List<String> METRICS = UsageQuery.METRICS.stream()
            .filter(m -> !Set.of("p95Wait", "cpuSeconds", "gpuSeconds").contains(m)).toList();

    /** Metrics whose groups add up, so a period's bars can be stacked. */
    private static final Set<String> SUMS = Set.of("jobs", "cpuHours", "gpuHours", "share", "cpuHoursUsed",
            "wastedCpuHours", "memRequestedGiBHours", "memPeakGiBHours");

    /** Metrics that are a share 0..1, shown and drawn in percent. */
    static final Set<String> SHARES = Set.of("share", "cpuEfficiency", "lowCpuEfficiencyShare", "memEfficiency",
            "timeLimitUse", "lowTimeLimitUseShare");

    private UsageChart() {
    }

    static Chart.Bars of(UsageQuery q, String metric, List<Map<String, Object>> rows, UnaryOperator<String> words) {
        Map<String, BigDecimal> cpuByGroup = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            cpuByGroup.merge(label(q, r, words), (BigDecimal) r.get("cpuHours"), BigDecimal::add);
        }
        List<String> top = cpuByGroup.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed())
                .limit(TOP).map(Map.Entry::getKey).toList();
        if (q.period() == null) {
            Map<String, BigDecimal> value = new LinkedHashMap<>();
            rows.forEach(r -> value.put(label(q, r, words), value(r, metric)));
            return new Chart.Bars(null, null, true, null, top,
                    List.of(new Chart.Bar(words.apply(metric), top.stream().map(value::get).toList(), null)));
        }
        List<String> periods = new ArrayList<>(new TreeSet<>(rows.stream().map(r -> (String) r.get("period")).toList()));
        boolean sum = SUMS.contains(metric);
        String other = words.apply("other");
        Map<String, BigDecimal[]> data = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            boolean shown = top.contains(label(q, r, words));
            if (!shown && !sum) {
                continue; // a mean of the rest would need the rest's counts: only the top groups' lines
            }
            String name = shown ? label(q, r, words) : other;
            BigDecimal[] values = data.computeIfAbsent(name, k -> new BigDecimal[periods.size()]);
            int i = periods.indexOf((String) r.get("period"));
            BigDecimal v = value(r, metric);
            values[i] = sum ? nz(values[i]).add(nz(v)) : v;
        }
        if (sum) {
            data.values().forEach(a -> Arrays.setAll(a, i -> nz(a[i])));
        }
        List<Chart.Bar> series = data.entrySet().stream()
                .map(e -> new Chart.Bar(e.getKey(), Arrays.asList(e.getValue()), null)).toList();
        return new Chart.Bars(null, sum ? true : null, null, sum ? null : true, periods, series);
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

    private static String label(UsageQuery q, Map<String, Object> r, UnaryOperator<String> words) {
        if (q.groupBy().isEmpty()) {
            return words.apply("all");
        }
        return String.join(" / ", q.groupBy().stream().map(g -> String.valueOf(r.get(g))).toList());
    }
}
