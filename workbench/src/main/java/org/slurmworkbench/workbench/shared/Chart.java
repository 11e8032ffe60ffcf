package org.slurmworkbench.workbench.shared;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The one contract with {@code static/js/charts.js}: a chart description, written as JSON into a {@code data-chart}
 * attribute (or an API answer) and turned into ECharts options there. Its {@code kind} says how it is drawn; absent
 * (null) fields are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A chart; kind says which", discriminatorProperty = "kind", discriminatorMapping = {
        @DiscriminatorMapping(value = "lines", schema = Chart.Lines.class),
        @DiscriminatorMapping(value = "bars", schema = Chart.Bars.class),
        @DiscriminatorMapping(value = "stackedBar", schema = Chart.StackedBar.class),
        @DiscriminatorMapping(value = "pie", schema = Chart.Pie.class)})
public sealed interface Chart {

    @JsonProperty("kind")
    String kind();

    /**
     * Time series ({@code kind: "lines"}). {@code x}: null for epoch milliseconds on a time axis, {@code "offset"} for
     * seconds since a start; {@code min}/{@code max} bound the axis (null: fitted to the data).
     */
    @JsonPropertyOrder({"kind", "x", "min", "max", "series"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Lines(String x, Number min, Number max, List<Line> series) implements Chart {

        /** Epoch milliseconds on a time axis. */
        public static Lines overTime(Number min, Number max, List<Line> series) {
            return new Lines(null, min, max, series);
        }

        /** Seconds since a start. */
        public static Lines sinceStart(Number min, Number max, List<Line> series) {
            return new Lines("offset", min, max, series);
        }

        @Override
        @JsonProperty("kind")
        public String kind() {
            return "lines";
        }
    }

    /**
     * One line: {@code [x, y]} points (y null: no value there); a limit drawn as a dashed step ({@code step}:
     * "end"); intervals shaded ({@code areas}: {@code [from, to]}) and points marked ({@code marks}: {@code [x, y]}).
     */
    @JsonPropertyOrder({"name", "data", "dashed", "step", "areas", "marks"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(String name, List<?> data, Boolean dashed, String step, List<?> areas, List<?> marks) {

        public static Line of(String name, List<?> data) {
            return new Line(name, data, null, null, null, null);
        }

        /** A limit: a dashed step. */
        @JsonIgnore
        public Line dashedStep() {
            return new Line(name, data, true, "end", areas, marks);
        }

        /** With shaded intervals and marked points. */
        public Line touches(List<?> areas, List<?> marks) {
            return new Line(name, data, dashed, step, areas, marks);
        }
    }

    /**
     * Bars over categories ({@code kind: "bars"}): histograms (vertical, the category axis named by {@code axis}),
     * series stacked on each other ({@code stacked}), a ranking drawn sideways ({@code horizontal}, first on top), or
     * each series as a line over the categories ({@code lines}: means per period, a gap where a value is null).
     */
    @JsonPropertyOrder({"kind", "axis", "stacked", "horizontal", "lines", "categories", "series"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Bars(String axis, Boolean stacked, Boolean horizontal, Boolean lines, List<String> categories, List<Bar> series)
            implements Chart {

        /** Vertical bars side by side, the category axis named. */
        public static Bars histogram(String axis, List<String> categories, List<Bar> series) {
            return new Bars(axis, null, null, null, categories, series);
        }

        @Override
        @JsonProperty("kind")
        public String kind() {
            return "bars";
        }
    }

    /** One series of bars, in {@code color} (null: the theme's). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Bar(String name, Object data, String color) {
    }

    /**
     * One horizontal bar per category in percent of its total, one segment per series ({@code kind: "stackedBar"});
     * counts in the labels and the tooltip.
     */
    @JsonPropertyOrder({"kind", "categories", "series"})
    record StackedBar(List<String> categories, List<Segment> series) implements Chart {

        @Override
        @JsonProperty("kind")
        public String kind() {
            return "stackedBar";
        }
    }

    /** A series of a stacked bar: one share per category. */
    record Segment(String name, String color, List<Share> data) {
    }

    /** A segment's value in percent (one decimal) of its category's total, and its count. */
    record Share(double value, long count) {

        public static Share of(long count, long total) {
            return new Share(total == 0 ? 0 : Math.round(1000.0 * count / total) / 10.0, count);
        }
    }

    /** Slices of a whole ({@code kind: "pie"}). */
    @JsonPropertyOrder({"kind", "slices"})
    record Pie(List<Slice> slices) implements Chart {

        @Override
        @JsonProperty("kind")
        public String kind() {
            return "pie";
        }
    }

    /** A slice: its label, its value, what it stands for (e.g. a node state) and its colour (null: the theme's). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Slice(String name, long value, String state, String color) {
    }
}
