package org.slurmworkbench.workbench.workload.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slurmworkbench.workbench.shared.Chart;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A {@link PlanPreview} as the chart descriptions {@code static/js/charts.js} draws (the dashboard's way): kind
 * "bars" for the histograms, kind "lines" on an offset axis ({@code "x": "offset"}, seconds from the run's start)
 * for the offered load against capacity. Series names in the viewer's language. A page puts each one, as JSON, in
 * a {@code data-chart} attribute.
 */
@Component
public class PreviewCharts {

    private final MessageSource messages;

    PreviewCharts(MessageSource messages) {
        this.messages = messages;
    }

    /** The four charts by name: cpus, runTimes, arrivals, load. */
    public Map<String, Chart> of(PlanPreview p, Locale locale) {
        Map<String, Chart> charts = new LinkedHashMap<>();
        charts.put("cpus", bars(p.cpus(), msg("workload.chart.jobs", locale), msg("workload.chart.cpusPerJob", locale)));
        charts.put("runTimes", bars(p.runTimes(), msg("workload.chart.jobs", locale), msg("workload.chart.runTime", locale)));
        charts.put("arrivals", bars(p.arrivals(), msg("workload.chart.jobs", locale), msg("workload.chart.arrival", locale)));
        charts.put("load", load(p.load(), locale));
        return charts;
    }

    private static Chart bars(PlanPreview.Histogram h, String series, String axis) {
        return Chart.Bars.histogram(axis, h.labels(), List.of(new Chart.Bar(series, h.counts(), null)));
    }

    private Chart load(PlanPreview.Load l, Locale locale) {
        List<Chart.Line> series = new ArrayList<>();
        series.add(line(msg("workload.chart.offeredCpus", locale), l.binSeconds(), l.cpus()));
        series.add(flat(msg("workload.chart.cpuCapacity", locale), l.binSeconds(), l.cpus().length, l.cpuCapacity()));
        if (l.gpuCapacity() > 0 || PlanPreview.max(l.gpus()) > 0) {
            series.add(line(msg("workload.chart.offeredGpus", locale), l.binSeconds(), l.gpus()));
            series.add(flat(msg("workload.chart.gpuCapacity", locale), l.binSeconds(), l.gpus().length, l.gpuCapacity()));
        }
        return Chart.Lines.sinceStart(0, Math.round(l.binSeconds() * l.cpus().length), series);
    }

    /** Each bin's value at its middle. */
    private static Chart.Line line(String name, double binSeconds, double[] values) {
        List<double[]> data = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            data.add(new double[]{Math.round((i + 0.5) * binSeconds * 10) / 10.0, Math.round(values[i] * 100) / 100.0});
        }
        return Chart.Line.of(name, data);
    }

    private static Chart.Line flat(String name, double binSeconds, int bins, int value) {
        return Chart.Line.of(name, List.of(new double[]{0, value}, new double[]{Math.round(binSeconds * bins), value}));
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
