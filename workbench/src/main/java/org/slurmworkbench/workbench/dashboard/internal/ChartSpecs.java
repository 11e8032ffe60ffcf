package org.slurmworkbench.workbench.dashboard.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The small chart descriptions that {@code static/js/charts.js} turns into ECharts options: a stacked bar
 * ({@code categories} and {@code series} of numbers) or a pie ({@code slices}). Labels are resolved here, in the
 * viewer's language; the same numbers are also in the card's tables.
 */
@Component
class ChartSpecs {

    private final MessageSource messages;
    private final JsonMapper json;

    ChartSpecs(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /**
     * CPUs and GPUs: allocated, idle and unavailable, as one horizontal stacked bar each, in percent of the total
     * (so 8 GPUs and 128 CPUs share an axis); labels and tooltips show the counts.
     */
    String resources(Overview o, Locale locale) {
        List<Map<String, Object>> series = new ArrayList<>();
        series.add(series(msg("dashboard.allocated", locale), "#1f6feb", o.cpus().allocated(), o.cpus().total(),
                o.gpus().allocated(), o.gpus().total()));
        series.add(series(msg("dashboard.idle", locale), "#2da44e", o.cpus().idle(), o.cpus().total(), o.gpus().idle(),
                o.gpus().total()));
        series.add(series(msg("dashboard.unavailable", locale), "#b42318", o.cpus().unavailable(), o.cpus().total(),
                o.gpus().unavailable(), o.gpus().total()));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", "stackedBar");
        spec.put("categories", List.of(msg("dashboard.cpus", locale), msg("dashboard.gpus", locale)));
        spec.put("series", series);
        return json.writeValueAsString(spec);
    }

    /** Nodes by state, one slice per state. */
    String nodeStates(Overview o, Locale locale) {
        List<Map<String, Object>> slices = new ArrayList<>();
        o.nodeStates().forEach((state, count) -> {
            Map<String, Object> slice = new LinkedHashMap<>();
            slice.put("name", messages.getMessage("dashboard.state." + state, null, state, locale));
            slice.put("value", count);
            slice.put("state", state);
            slices.add(slice);
        });
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", "pie");
        spec.put("slices", slices);
        return json.writeValueAsString(spec);
    }

    private static Map<String, Object> series(String name, String color, long cpus, long cpuTotal, long gpus, long gpuTotal) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("color", color);
        s.put("data", List.of(point(cpus, cpuTotal), point(gpus, gpuTotal)));
        return s;
    }

    private static Map<String, Object> point(long count, long total) {
        return Map.of("value", total == 0 ? 0 : Math.round(1000.0 * count / total) / 10.0, "count", count);
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
