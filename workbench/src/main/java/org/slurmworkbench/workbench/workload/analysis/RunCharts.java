package org.slurmworkbench.workbench.workload.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slurmworkbench.workbench.shared.Chart;
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
        List<Chart.Line> series = new ArrayList<>();
        series.add(Chart.Line.of(msg("workload.chart.cpu", locale), points(u, true, u.origin() == null ? null : u.origin().toEpochMilli())));
        if (u.meanGpuPercent() != null) {
            series.add(Chart.Line.of(msg("workload.chart.gpu", locale), points(u, false, u.origin().toEpochMilli())));
        }
        return spec(series, false);
    }

    /** Both runs' CPU (and GPU) utilization on one axis of seconds since their start. */
    String overlay(RunMetrics.Utilization a, String nameA, RunMetrics.Utilization b, String nameB, Locale locale) {
        List<Chart.Line> series = new ArrayList<>();
        String cpu = msg("workload.chart.cpu", locale);
        String gpu = msg("workload.chart.gpu", locale);
        series.add(Chart.Line.of(cpu + " · " + nameA, points(a, true, null)));
        series.add(Chart.Line.of(cpu + " · " + nameB, points(b, true, null)));
        if (a.meanGpuPercent() != null || b.meanGpuPercent() != null) {
            series.add(Chart.Line.of(gpu + " · " + nameA, points(a, false, null)));
            series.add(Chart.Line.of(gpu + " · " + nameB, points(b, false, null)));
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

    private String spec(List<Chart.Line> series, boolean secondsSinceStart) {
        return json.writeValueAsString(secondsSinceStart ? Chart.Lines.sinceStart(null, null, series)
                : Chart.Lines.overTime(null, null, series));
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
