package org.slurmworkbench.workbench.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.web.SlurmWords;
import org.springframework.context.support.ResourceBundleMessageSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's charts colour by meaning, never by order: a node state's slice has the colour its meaning has in
 * the CPU/GPU bar (allocated blue, idle green, unavailable red) whichever order the states come in, and is named in
 * the reader's language.
 */
class ChartSpecsTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ChartSpecs specs;

    ChartSpecsTest() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages", "reasons", "slurm");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        specs = new ChartSpecs(messages, new SlurmWords(messages), json);
    }

    private static Overview withStates(Map<String, Integer> states) {
        Overview none = Overview.unavailable("lab", null);
        return new Overview("lab", Instant.EPOCH, false, 0L, null, states, new Overview.Resources(10, 4, 4, 2),
                new Overview.Resources(0, 0, 0, 0), none.memory(), none.jobs(), none.partitions(), none.top(), none.nodes(),
                none.reservations());
    }

    private Map<String, String> colours(JsonNode chart, String list, String nameField, String colourField) {
        Map<String, String> out = new LinkedHashMap<>();
        chart.path(list).forEach(e -> out.put(e.path(nameField).asString(), e.path(colourField).asString()));
        return out;
    }

    @Test
    void aNodeStateHasTheColourOfItsMeaningWhateverTheOrder() {
        Map<String, Integer> idleFirst = new LinkedHashMap<>();
        idleFirst.put("idle", 2);
        idleFirst.put("allocated", 1);
        idleFirst.put("down", 1);
        Map<String, Integer> allocatedFirst = new LinkedHashMap<>();
        allocatedFirst.put("allocated", 1);
        allocatedFirst.put("down", 1);
        allocatedFirst.put("idle", 2);
        Map<String, String> bar = colours(json.readTree(specs.resources(withStates(idleFirst), Locale.ENGLISH)), "series",
                "name", "color");
        for (Map<String, Integer> states : java.util.List.of(idleFirst, allocatedFirst)) {
            Map<String, String> pie = colours(json.readTree(specs.nodeStates(withStates(states), Locale.ENGLISH)), "slices",
                    "state", "color");
            assertThat(pie.get("allocated")).as("allocated, states in order %s", states.keySet()).isEqualTo(bar.get("Allocated"));
            assertThat(pie.get("idle")).as("idle, states in order %s", states.keySet()).isEqualTo(bar.get("Idle"));
            assertThat(pie.get("down")).as("down, states in order %s", states.keySet()).isEqualTo(bar.get("Unavailable"));
        }
        JsonNode zh = json.readTree(specs.nodeStates(withStates(idleFirst), Locale.SIMPLIFIED_CHINESE));
        assertThat(zh.path("slices").get(0).path("name").asString()).doesNotContainPattern("[A-Za-z]");
    }
}
