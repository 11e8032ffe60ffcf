package org.slurmworkbench.workbench.dashboard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.shared.Chart;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's {@link Chart}s, which {@code static/js/charts.js} turns into ECharts options: a stacked bar
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
        List<Chart.Segment> series = List.of(
                segment(msg("dashboard.allocated", locale), "#1f6feb", o.cpus().allocated(), o.cpus().total(),
                        o.gpus().allocated(), o.gpus().total()),
                segment(msg("dashboard.idle", locale), "#2da44e", o.cpus().idle(), o.cpus().total(), o.gpus().idle(),
                        o.gpus().total()),
                segment(msg("dashboard.unavailable", locale), "#b42318", o.cpus().unavailable(), o.cpus().total(),
                        o.gpus().unavailable(), o.gpus().total()));
        return json.writeValueAsString(new Chart.StackedBar(
                List.of(msg("dashboard.cpus", locale), msg("dashboard.gpus", locale)), series));
    }

    /** Nodes by state, one slice per state. */
    String nodeStates(Overview o, Locale locale) {
        List<Chart.Slice> slices = new ArrayList<>();
        o.nodeStates().forEach((state, count) -> slices.add(new Chart.Slice(
                messages.getMessage("dashboard.state." + state, null, state, locale), count, state)));
        return json.writeValueAsString(new Chart.Pie(slices));
    }

    private static Chart.Segment segment(String name, String color, long cpus, long cpuTotal, long gpus, long gpuTotal) {
        return new Chart.Segment(name, color, List.of(Chart.Share.of(cpus, cpuTotal), Chart.Share.of(gpus, gpuTotal)));
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
