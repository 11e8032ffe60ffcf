package org.slurmworkbench.workbench.gauges.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a label set bounded: the {@code top} names with the most running CPUs (then GPUs, then by name) keep their own
 * label, all others are summed under {@link #OTHER}, so a cluster of 5,000 users gives Prometheus at most top + 1
 * series per gauge. Sums over all labels stay the cluster's totals.
 */
final class LabelBounds {

    static final String OTHER = "other";

    private LabelBounds() {
    }

    /** Running CPUs and GPUs of one user or account. */
    record Usage(long cpus, long gpus) {
        Usage plus(Usage o) {
            return new Usage(cpus + o.cpus, gpus + o.gpus);
        }
    }

    /** The {@code top} largest by CPUs (ties: GPUs, then name), then {@code other} if anything was left out. */
    static Map<String, Usage> bounded(Map<String, Usage> all, int top) {
        List<Map.Entry<String, Usage>> ranked = new ArrayList<>(all.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, Usage>>comparingLong(e -> e.getValue().cpus()).reversed()
                .thenComparing(Comparator.<Map.Entry<String, Usage>>comparingLong(e -> e.getValue().gpus()).reversed())
                .thenComparing(Map.Entry::getKey));
        Map<String, Usage> out = new LinkedHashMap<>();
        Usage rest = null;
        for (int i = 0; i < ranked.size(); i++) {
            Map.Entry<String, Usage> e = ranked.get(i);
            if (i < top) {
                out.put(e.getKey(), e.getValue());
            } else {
                rest = rest == null ? e.getValue() : rest.plus(e.getValue());
            }
        }
        if (rest != null) {
            // a real user called "other" among the top is merged with the rest: the label stays unique
            out.merge(OTHER, rest, Usage::plus);
        }
        return out;
    }
}
