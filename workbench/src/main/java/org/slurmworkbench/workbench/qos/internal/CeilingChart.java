package org.slurmworkbench.workbench.qos.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slurmworkbench.workbench.shared.Chart;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ceiling view's two charts, described for {@code static/js/charts.js} (kind "lines", the dashboard's history
 * style): GPUs (use, limits, QOS-limited pending jobs and the cluster's idle GPUs on one time axis) and CPUs. Limits
 * are dashed steps; the intervals where a ceiling was touched are shaded (markArea) and their starts marked
 * (markPoint) on the use series.
 */
@Component
class CeilingChart {

    private final MessageSource messages;
    private final JsonMapper json;

    CeilingChart(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    String gpus(CeilingView v, Locale locale) {
        List<Chart.Line> series = new ArrayList<>();
        series.add(use(v, msg("qos.chart.gpusUsed", locale), CeilingView.Point::gpusUsed, "gres/gpu"));
        series.add(line(v, msg("qos.chart.gpusUserMax", locale), CeilingView.Point::gpusUserMax, false));
        limit(series, v, msg("qos.chart.grpGpus", locale), CeilingView.Point::grpGpus);
        limit(series, v, msg("qos.chart.userGpus", locale), CeilingView.Point::userGpus);
        series.add(line(v, msg("qos.chart.pendingLimited", locale), CeilingView.Point::pendingLimited, false));
        series.add(line(v, msg("qos.chart.idleGpus", locale), CeilingView.Point::idleGpus, false));
        return spec(v, series);
    }

    String cpus(CeilingView v, Locale locale) {
        List<Chart.Line> series = new ArrayList<>();
        series.add(use(v, msg("qos.chart.cpusUsed", locale), CeilingView.Point::cpusUsed, "cpu"));
        series.add(line(v, msg("qos.chart.cpusUserMax", locale), CeilingView.Point::cpusUserMax, false));
        limit(series, v, msg("qos.chart.grpCpus", locale), CeilingView.Point::grpCpus);
        limit(series, v, msg("qos.chart.userCpus", locale), CeilingView.Point::userCpus);
        return spec(v, series);
    }

    /** The use series carries the touches of limits on this TRES. */
    private Chart.Line use(CeilingView v, String name, Function<CeilingView.Point, Integer> value, String tres) {
        List<CeilingView.Touch> touches = v.touches().stream()
                .filter(t -> t.limits().stream().anyMatch(l -> l.endsWith(" " + tres))).toList();
        return line(v, name, value, false).touches(
                touches.stream().map(t -> List.of(t.from().toEpochMilli(), t.to().toEpochMilli())).toList(),
                v.points().stream().filter(p -> touches.stream().anyMatch(t -> t.from().equals(p.time())))
                        .map(p -> List.<Object>of(p.time().toEpochMilli(), value.apply(p))).toList());
    }

    private static void limit(List<Chart.Line> series, CeilingView v, String name,
                              Function<CeilingView.Point, Integer> value) {
        if (v.points().stream().anyMatch(p -> value.apply(p) != null)) {
            series.add(line(v, name, value, true));
        }
    }

    private static Chart.Line line(CeilingView v, String name, Function<CeilingView.Point, Integer> value,
                                   boolean dashedStep) {
        Chart.Line line = Chart.Line.of(name, v.points().stream().map(p -> {
            Integer y = value.apply(p);
            return java.util.Arrays.asList((Object) p.time().toEpochMilli(), y);
        }).toList());
        return dashedStep ? line.dashedStep() : line;
    }

    private String spec(CeilingView v, List<Chart.Line> series) {
        return json.writeValueAsString(Chart.Lines.overTime(v.from().toEpochMilli(), v.to().toEpochMilli(), series));
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
