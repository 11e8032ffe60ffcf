package org.slurmworkbench.workbench.accounting.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the page's ECharts chart draws, from usage rows: CPU-hours as stacked bars per period (the top groups, the
 * rest summed as "other") when a period is chosen, else the top groups as horizontal bars.
 */
record UsageChart(String type, List<String> categories, List<Series> series) {

    record Series(String name, List<BigDecimal> data) {
    }

    private static final int TOP = 10;

    static UsageChart of(UsageQuery q, List<Map<String, Object>> rows) {
        Map<String, BigDecimal> byGroup = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            byGroup.merge(label(q, r), (BigDecimal) r.get("cpuHours"), BigDecimal::add);
        }
        List<String> top = byGroup.entrySet().stream().sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed())
                .limit(TOP).map(Map.Entry::getKey).toList();
        if (q.period() == null) {
            return new UsageChart("bars", top, List.of(new Series("cpuHours", top.stream().map(byGroup::get).toList())));
        }
        List<String> periods = new ArrayList<>(new TreeSet<>(rows.stream().map(r -> (String) r.get("period")).toList()));
        Map<String, BigDecimal[]> data = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            String name = top.contains(label(q, r)) ? label(q, r) : "other";
            BigDecimal[] values = data.computeIfAbsent(name, k -> zeros(periods.size()));
            int i = periods.indexOf((String) r.get("period"));
            values[i] = values[i].add((BigDecimal) r.get("cpuHours"));
        }
        List<Series> series = data.entrySet().stream().map(e -> new Series(e.getKey(), List.of(e.getValue()))).toList();
        return new UsageChart("stacked", periods, series);
    }

    private static String label(UsageQuery q, Map<String, Object> r) {
        if (q.groupBy().isEmpty()) {
            return "all";
        }
        return String.join(" / ", q.groupBy().stream().map(g -> String.valueOf(r.get(g))).toList());
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] a = new BigDecimal[n];
        java.util.Arrays.fill(a, BigDecimal.ZERO);
        return a;
    }
}
