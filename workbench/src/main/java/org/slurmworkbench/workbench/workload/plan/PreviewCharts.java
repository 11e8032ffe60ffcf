package org.slurmworkbench.workbench.workload.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    public Map<String, Map<String, Object>> of(PlanPreview p, Locale locale) {
        Map<String, Map<String, Object>> charts = new LinkedHashMap<>();
        charts.put("cpus", bars(p.cpus(), msg("workload.chart.jobs", locale), msg("workload.chart.cpusPerJob", locale)));
        charts.put("runTimes", bars(p.runTimes(), msg("workload.chart.jobs", locale), msg("workload.chart.runTime", locale)));
        charts.put("arrivals", bars(p.arrivals(), msg("workload.chart.jobs", locale), msg("workload.chart.arrival", locale)));
        charts.put("load", load(p.load(), locale));
        return charts;
    }

    private static Map<String, Object> bars(PlanPreview.Histogram h, String series, String axis) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", "bars");
        spec.put("axis", axis);
        spec.put("categories", h.labels());
        spec.put("series", List.of(Map.of("name", series, "data", h.counts())));
        return spec;
    }

    private Map<String, Object> load(PlanPreview.Load l, Locale locale) {
        List<Map<String, Object>> series = new ArrayList<>();
        series.add(line(msg("workload.chart.offeredCpus", locale), l.binSeconds(), l.cpus()));
        series.add(flat(msg("workload.chart.cpuCapacity", locale), l.binSeconds(), l.cpus().length, l.cpuCapacity()));
        if (l.gpuCapacity() > 0 || PlanPreview.max(l.gpus()) > 0) {
            series.add(line(msg("workload.chart.offeredGpus", locale), l.binSeconds(), l.gpus()));
            series.add(flat(msg("workload.chart.gpuCapacity", locale), l.binSeconds(), l.gpus().length, l.gpuCapacity()));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", "lines");
        spec.put("x", "offset");
        spec.put("min", 0);
        spec.put("max", Math.round(l.binSeconds() * l.cpus().length));
        spec.put("series", series);
        return spec;
    }

    /** Each bin's value at its middle. */
    private static Map<String, Object> line(String name, double binSeconds, double[] values) {
        List<double[]> data = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            data.add(new double[]{Math.round((i + 0.5) * binSeconds * 10) / 10.0, Math.round(values[i] * 100) / 100.0});
        }
        return Map.of("name", name, "data", data);
    }

    private static Map<String, Object> flat(String name, double binSeconds, int bins, int value) {
        return Map.of("name", name, "data", List.of(new double[]{0, value}, new double[]{Math.round(binSeconds * bins), value}));
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
