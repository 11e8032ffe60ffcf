package org.slurmworkbench.workbench.dashboard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.shared.Chart;
import org.slurmworkbench.workbench.web.SlurmWords;
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

    /** One colour per meaning on every dashboard chart: busy is blue, free is green, unusable is red. */
    private static final String ALLOCATED = "#1f6feb";
    private static final String PARTLY = "#79b8ff";
    private static final String IDLE = "#2da44e";
    private static final String UNAVAILABLE = "#b42318";
    private static final String SET_ASIDE = "#8250df";
    private static final String OTHER = "#8c959f";
    private static final java.util.Map<String, String> STATE_COLOURS = java.util.Map.of("allocated", ALLOCATED,
            "mixed", PARTLY, "completing", PARTLY, "idle", IDLE, "down", UNAVAILABLE, "drained", UNAVAILABLE,
            "draining", UNAVAILABLE, "fail", UNAVAILABLE, "reserved", SET_ASIDE, "maint", SET_ASIDE);

    private final MessageSource messages;
    private final SlurmWords words;
    private final JsonMapper json;

    ChartSpecs(MessageSource messages, SlurmWords words, JsonMapper json) {
        this.messages = messages;
        this.words = words;
        this.json = json;
    }

    /**
     * CPUs and GPUs: allocated, idle and unavailable, as one horizontal stacked bar each, in percent of the total
     * (so 8 GPUs and 128 CPUs share an axis); labels and tooltips show the counts.
     */
    String resources(Overview o, Locale locale) {
        List<Chart.Segment> series = List.of(
                segment(msg("dashboard.allocated", locale), ALLOCATED, o.cpus().allocated(), o.cpus().total(),
                        o.gpus().allocated(), o.gpus().total()),
                segment(msg("dashboard.idle", locale), IDLE, o.cpus().idle(), o.cpus().total(), o.gpus().idle(),
                        o.gpus().total()),
                segment(msg("dashboard.unavailable", locale), UNAVAILABLE, o.cpus().unavailable(), o.cpus().total(),
                        o.gpus().unavailable(), o.gpus().total()));
        return json.writeValueAsString(new Chart.StackedBar(
                List.of(msg("dashboard.cpus", locale), msg("dashboard.gpus", locale)), series));
    }

    /** Nodes by state, one slice per state, coloured by what the state means (as in {@link #resources}). */
    String nodeStates(Overview o, Locale locale) {
        List<Chart.Slice> slices = new ArrayList<>();
        SlurmWords.In names = words.in(locale);
        o.nodeStates().forEach((state, count) -> slices.add(new Chart.Slice(names.nodeState(state), count, state,
                STATE_COLOURS.getOrDefault(state, OTHER))));
        return json.writeValueAsString(new Chart.Pie(slices));
    }

    private static Chart.Segment segment(String name, String color, long cpus, long cpuTotal, long gpus, long gpuTotal) {
        return new Chart.Segment(name, color, List.of(Chart.Share.of(cpus, cpuTotal), Chart.Share.of(gpus, gpuTotal)));
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
