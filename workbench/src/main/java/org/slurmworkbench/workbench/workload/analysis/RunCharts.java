package org.slurmworkbench.workbench.workload.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run charts, as the small descriptions {@code static/js/charts.js} draws (kind {@code lines}, the workbench's one
 * chart style): utilization over time of one run against the clock, or of two runs overlaid on the seconds since each
 * run's start. Labels in the viewer's language.
 */
@Component
class RunCharts {

    private final MessageSource messages;
    private final JsonMapper json;

    RunCharts(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** CPU and GPU utilization in percent, on a time axis. */
    String utilization(RunMetrics.Utilization u, Locale locale) {
        List<Map<String, Object>> series = new ArrayList<>();
        series.add(series(msg("workload.chart.cpu", locale), points(u, true, u.origin() == null ? null : u.origin().toEpochMilli())));
        if (u.meanGpuPercent() != null) {
            series.add(series(msg("workload.chart.gpu", locale), points(u, false, u.origin().toEpochMilli())));
        }
        return spec(series, false);
    }

    /** Both runs' CPU (and GPU) utilization on one axis of seconds since their start. */
    String overlay(RunMetrics.Utilization a, String nameA, RunMetrics.Utilization b, String nameB, Locale locale) {
        List<Map<String, Object>> series = new ArrayList<>();
        String cpu = msg("workload.chart.cpu", locale);
        String gpu = msg("workload.chart.gpu", locale);
        series.add(series(cpu + " · " + nameA, points(a, true, null)));
        series.add(series(cpu + " · " + nameB, points(b, true, null)));
        if (a.meanGpuPercent() != null || b.meanGpuPercent() != null) {
            series.add(series(gpu + " · " + nameA, points(a, false, null)));
            series.add(series(gpu + " · " + nameB, points(b, false, null)));
        }
        return spec(series, true);
    }

    /** [x, percent] pairs: x in epoch milliseconds from {@code origin}, or seconds since the start when it is null. */
    private static List<List<Number>> points(RunMetrics.Utilization u, boolean cpu, Long origin) {
        List<List<Number>> data = new ArrayList<>();
        for (RunMetrics.Utilization.Point p : u.points()) {
            Number x = origin == null ? p.offsetSeconds() : origin + p.offsetSeconds() * 1000;
            data.add(List.of(x, cpu ? p.cpuPercent() : p.gpuPercent()));
        }
        return data;
    }

    private String spec(List<Map<String, Object>> series, boolean secondsSinceStart) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", "lines");
        if (secondsSinceStart) {
            spec.put("x", "offset");
        }
        spec.put("series", series);
        return json.writeValueAsString(spec);
    }

    private static Map<String, Object> series(String name, List<List<Number>> data) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("data", data);
        return s;
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
