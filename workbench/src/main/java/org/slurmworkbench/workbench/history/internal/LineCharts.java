package org.slurmworkbench.workbench.history.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slurmworkbench.workbench.shared.Chart;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history charts' descriptions for {@code static/js/charts.js} (kind "lines"): time series over
 * {@code [min, max]}, each named in the viewer's language; a point without a value (null) is left out.
 */
@Component
class LineCharts {

    private final MessageSource messages;
    private final JsonMapper json;

    LineCharts(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** One line: the message key of its name, and its value at each point (null: no value there). */
    record Line<P>(String nameKey, Function<P, ? extends Number> value) {
    }

    <P> String lines(Instant min, Instant max, List<P> points, Function<P, Instant> time, List<Line<P>> lines,
                     Locale locale) {
        List<Chart.Line> series = lines.stream().map(line -> Chart.Line.of(
                messages.getMessage(line.nameKey(), null, line.nameKey(), locale),
                points.stream().filter(p -> line.value().apply(p) != null)
                        .map(p -> List.<Object>of(time.apply(p).toEpochMilli(), line.value().apply(p))).toList()))
                .toList();
        return json.writeValueAsString(Chart.Lines.overTime(min.toEpochMilli(), max.toEpochMilli(), series));
    }
}
