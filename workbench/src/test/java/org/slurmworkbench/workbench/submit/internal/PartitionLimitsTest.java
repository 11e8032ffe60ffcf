package org.slurmworkbench.workbench.submit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.dashboard.Overview.NodeCell;
import org.slurmworkbench.workbench.dashboard.Overview.PartitionSummary;
import org.slurmworkbench.workbench.dashboard.Overview.Resources;
import org.slurmworkbench.workbench.submit.JobPlacement.Placement;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;

/**
 * WB-11: a request no node of the partition can hold (999 CPUs per task, more memory or GPUs than a node has, more
 * nodes than MaxNodes) was sent and pended for ever with PartitionConfig; now it is refused on its field, naming the
 * partition and the limit, in both languages. The lab's own limits are checked against Slurm in SubmitPagesIT.
 */
class PartitionLimitsTest {

    /** A partition "debug" of two 32-CPU, 64,000 MB nodes with 4 GPUs each and MaxNodes 1 (the lab's nodes). */
    private static final PartitionLimits DEBUG = new PartitionLimits(
            new PartitionSummary("debug", false, "UP", 2, Resources.ZERO, Resources.ZERO, 0, 0, null, null, null, List.of(),
                    List.of(), 1),
            List.of(node("g1", "debug"), node("g2", "debug"), new NodeCell("big", "idle", List.of(), 128, 0, 8, 0, 512_000,
                    0, List.of("other"), null, List.of(), List.of())));

    private static NodeCell node(String name, String partition) {
        return new NodeCell(name, "idle", List.of(), 32, 0, 4, 0, 64_000, 0, List.of(partition), null, List.of(), List.of());
    }

    private static Map<String, String> refusals(Placement p, Locale locale) {
        MapBindingResult errors = new MapBindingResult(new HashMap<>(), "spec");
        DEBUG.check(p, errors);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        Map<String, String> out = new HashMap<>();
        for (FieldError e : errors.getFieldErrors()) {
            out.put(e.getField(), messages.getMessage(e, locale));
        }
        return out;
    }

    private static Placement sized(Integer nodes, Integer gpus, Integer tasks, Integer cpusPerTask, Long memoryMb, boolean perCpu) {
        return new Placement("debug", null, null, null, nodes, gpus, tasks, cpusPerTask, memoryMb, perCpu);
    }

    @Test
    void aRequestNoNodeCanHoldIsRefusedNamingThePartitionAndTheLimit() {
        assertThat(refusals(sized(null, null, null, 999, null, false), Locale.ENGLISH))
                .containsExactly(Map.entry("cpusPerTask", "partition debug: a node has at most 32 CPUs"));
        assertThat(refusals(sized(null, null, null, 999, null, false), Locale.SIMPLIFIED_CHINESE))
                .containsExactly(Map.entry("cpusPerTask", "分区 debug：每个节点最多 32 个 CPU"));
        assertThat(refusals(sized(1, null, 40, 1, null, false), Locale.ENGLISH))
                .containsExactly(Map.entry("tasks", "partition debug: 1 nodes have at most 32 CPUs"));
        assertThat(refusals(sized(null, null, null, null, 100_000L, false), Locale.ENGLISH))
                .containsExactly(Map.entry("memory", "partition debug: a node has at most 62.5 GiB of memory"));
        assertThat(refusals(sized(null, null, null, 16, 5_000L, true), Locale.ENGLISH))
                .as("per CPU, times the CPUs of a task").containsOnlyKeys("memory");
        assertThat(refusals(sized(null, 5, null, null, null, false), Locale.ENGLISH))
                .containsExactly(Map.entry("gpus", "partition debug: a node has at most 4 GPUs"));
        assertThat(refusals(sized(2, null, null, null, null, false), Locale.ENGLISH))
                .containsExactly(Map.entry("nodes", "partition debug: a job may use at most 1 nodes (MaxNodes)"));
    }

    @Test
    void whatFitsTheLargestNodeIsNotRefused() {
        assertThat(refusals(sized(1, 4, 2, 16, 64_000L, false), Locale.ENGLISH)).isEmpty();
        assertThat(refusals(sized(null, null, 64, 1, 2_000L, true), Locale.ENGLISH)).as("spread over both nodes").isEmpty();
        assertThat(refusals(new Placement("debug", null, null, null, null, null), Locale.ENGLISH)).isEmpty();
    }
}
