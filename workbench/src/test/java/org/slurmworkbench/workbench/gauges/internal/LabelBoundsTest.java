package org.slurmworkbench.workbench.gauges.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.gauges.internal.LabelBounds.Usage;

class LabelBoundsTest {

    /** 25 users: u0 runs 25 CPUs, u1 24, ... u24 1; every user one GPU. */
    private static Map<String, Usage> users(int n) {
        Map<String, Usage> all = new HashMap<>();
        for (int i = 0; i < n; i++) {
            all.put("u" + i, new Usage(n - i, 1));
        }
        return all;
    }

    @Test
    void theTopKeepTheirLabelsInOrderAndTheRestAreSummedAsOther() {
        Map<String, Usage> bounded = LabelBounds.bounded(users(25), 20);
        assertThat(bounded).hasSize(21);
        assertThat(List.copyOf(bounded.keySet()).subList(0, 3)).containsExactly("u0", "u1", "u2");
        assertThat(bounded).doesNotContainKeys("u20", "u24");
        assertThat(bounded.get("other")).isEqualTo(new Usage(5 + 4 + 3 + 2 + 1, 5));
        // the sums over all labels stay the cluster's totals
        assertThat(bounded.values().stream().mapToLong(Usage::cpus).sum()).isEqualTo(25 * 26 / 2);
        assertThat(bounded.values().stream().mapToLong(Usage::gpus).sum()).isEqualTo(25);
    }

    @Test
    void noOtherWhenEveryoneFits() {
        assertThat(LabelBounds.bounded(users(20), 20)).hasSize(20).doesNotContainKey("other");
        assertThat(LabelBounds.bounded(Map.of(), 20)).isEmpty();
    }

    @Test
    void tiesGoByGpusThenByName() {
        Map<String, Usage> all = Map.of("b", new Usage(4, 0), "a", new Usage(4, 0), "c", new Usage(4, 2), "d", new Usage(1, 0));
        Map<String, Usage> bounded = LabelBounds.bounded(all, 2);
        assertThat(bounded.keySet()).containsExactly("c", "a", "other");
        assertThat(bounded.get("other")).isEqualTo(new Usage(5, 0));
    }

    @Test
    void aUserNamedOtherAmongTheTopIsMergedWithTheRest() {
        Map<String, Usage> all = Map.of("other", new Usage(10, 0), "x", new Usage(1, 0), "y", new Usage(1, 0));
        assertThat(LabelBounds.bounded(all, 1)).containsExactly(Map.entry("other", new Usage(12, 0)));
    }

    @Test
    void labelValuesAreEscaped() {
        Exposition out = new Exposition().gauge("g", "help");
        out.add("g", 2.5, "user", "a\"b\\c\nd");
        out.add("g", 3, "user", "x");
        assertThat(out.text()).isEqualTo("# HELP g help\n# TYPE g gauge\ng{user=\"a\\\"b\\\\c\\nd\"} 2.5\ng{user=\"x\"} 3\n");
        assertThat(new Exposition().gauge("empty", "no samples").text()).isEmpty();
    }
}
