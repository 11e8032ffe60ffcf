package org.slurmworkbench.workbench.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The JSON {@code charts.js} reads, as it was when every chart was written by hand as a map. */
class ChartTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void linesOverTimeWithLimitsAndTouches() {
        Chart.Line use = Chart.Line.of("used", List.of(Arrays.asList(1000L, 2), Arrays.asList(2000L, null)))
                .touches(List.of(List.of(1000L, 2000L)), List.of(List.of(1000L, 2)));
        Chart.Line limit = Chart.Line.of("limit", List.of(List.of(1000L, 4))).dashedStep();
        assertThat(json.writeValueAsString(Chart.Lines.overTime(1000L, 2000L, List.of(use, limit)))).isEqualTo(
                "{\"kind\":\"lines\",\"min\":1000,\"max\":2000,\"series\":["
                        + "{\"name\":\"used\",\"data\":[[1000,2],[2000,null]],\"areas\":[[1000,2000]],\"marks\":[[1000,2]]},"
                        + "{\"name\":\"limit\",\"data\":[[1000,4]],\"dashed\":true,\"step\":\"end\"}]}");
    }

    @Test
    void linesSinceStartWithoutBounds() {
        assertThat(json.writeValueAsString(Chart.Lines.sinceStart(null, null,
                List.of(Chart.Line.of("cpu", List.of(new double[]{0.5, 12.25}))))))
                .isEqualTo("{\"kind\":\"lines\",\"x\":\"offset\",\"series\":[{\"name\":\"cpu\",\"data\":[[0.5,12.25]]}]}");
    }

    @Test
    void barsStartWithTheirKind() {
        assertThat(json.writeValueAsString(Chart.Bars.histogram("CPUs", List.of("1", "2"),
                List.of(new Chart.Bar("jobs", new long[]{3, 4}, null))))).isEqualTo(
                "{\"kind\":\"bars\",\"axis\":\"CPUs\",\"categories\":[\"1\",\"2\"],\"series\":[{\"name\":\"jobs\",\"data\":[3,4]}]}");
        assertThat(json.writeValueAsString(new Chart.Bars(null, true, null, null, List.of("2026-12"),
                List.of(new Chart.Bar("alice", List.of(1.5), null))))).isEqualTo(
                "{\"kind\":\"bars\",\"stacked\":true,\"categories\":[\"2026-12\"],\"series\":[{\"name\":\"alice\",\"data\":[1.5]}]}");
        assertThat(json.writeValueAsString(new Chart.Bars(null, null, null, true, List.of("2026-12"),
                List.of(new Chart.Bar("alice", java.util.Arrays.asList(50, null), null))))).isEqualTo(
                "{\"kind\":\"bars\",\"lines\":true,\"categories\":[\"2026-12\"],\"series\":[{\"name\":\"alice\",\"data\":[50,null]}]}");
    }

    @Test
    void stackedBarSharesInPercentWithCounts() {
        assertThat(json.writeValueAsString(new Chart.StackedBar(List.of("CPUs", "GPUs"), List.of(new Chart.Segment(
                "idle", "#2da44e", List.of(Chart.Share.of(1, 3), Chart.Share.of(0, 0))))))).isEqualTo(
                "{\"kind\":\"stackedBar\",\"categories\":[\"CPUs\",\"GPUs\"],\"series\":[{\"name\":\"idle\",\"color\":\"#2da44e\","
                        + "\"data\":[{\"value\":33.3,\"count\":1},{\"value\":0.0,\"count\":0}]}]}");
    }

    @Test
    void pieSlices() {
        assertThat(json.writeValueAsString(new Chart.Pie(List.of(new Chart.Slice("Idle", 3, "idle", "#2da44e"))))).isEqualTo(
                "{\"kind\":\"pie\",\"slices\":[{\"name\":\"Idle\",\"value\":3,\"state\":\"idle\",\"color\":\"#2da44e\"}]}");
    }
}
