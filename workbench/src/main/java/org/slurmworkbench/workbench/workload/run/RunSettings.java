package org.slurmworkbench.workbench.workload.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.workbench.web.Units;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's settings as its page lists them: the run's own (source, seed, cluster, submitters, rate), then those of
 * its source, read from the parameters it was created with: the generator's (window, jobs, partitions...) or an SWF
 * import's (file, compression, window, partition...). {@code label} is a message key; values are shown as they are.
 */
record RunSettings(List<Setting> settings) {

    record Setting(String label, String value) {
        /** The last word of its label's key ("workload.swf.compression": compression), for the page's element ids. */
        public String id() {
            return label.substring(label.lastIndexOf('.') + 1);
        }
    }

    /** Generator parameters worth a line, by their JSON name, with the message key of their label. */
    private static final Map<String, String> GENERATOR = orderedMap(
            "jobs", "workload.setting.jobs", "windowSeconds", "workload.setting.window",
            "partitions", "workload.setting.partitions", "qos", "workload.setting.qos", "accounts", "workload.setting.accounts",
            "timeLimitFactor", "workload.swf.timeLimitFactor", "packArrays", "workload.setting.packArrays");
    /** SWF options, by their name: the import card's own labels. */
    private static final List<String> SWF = List.of("partition", "compression", "compressRunTimes", "fromSecond", "toSecond",
            "fromJob", "toJob", "maxJobs", "timeLimitFactor", "scale");

    static RunSettings of(Run run, JsonMapper json) {
        List<Setting> out = new ArrayList<>();
        out.add(new Setting("workload.runs.source", run.source()));
        out.add(new Setting("workload.setting.seed", Long.toString(run.seed())));
        out.add(new Setting("workload.runs.cluster", run.cluster()));
        out.add(new Setting("workload.create.concurrency", Integer.toString(run.concurrency())));
        out.add(new Setting("workload.setting.rateLimit", Integer.toString(run.rateLimit())));
        JsonNode p = run.parameters() == null ? null : json.readTree(run.parameters());
        if (p != null && p.has("swf")) {
            out.add(new Setting("workload.swf.file", p.path("swf").asString("")));
            JsonNode options = p.path("options");
            for (String name : SWF) {
                if (options.hasNonNull(name) && !text(options.get(name)).isEmpty()) {
                    out.add(new Setting("workload.swf." + name, text(options.get(name))));
                }
            }
        } else if (p != null) {
            GENERATOR.forEach((name, label) -> {
                if (p.hasNonNull(name) && !text(p.get(name)).isEmpty()) {
                    out.add(new Setting(label, text(p.get(name))));
                }
            });
        }
        return new RunSettings(List.copyOf(out));
    }

    /** A value in words: numbers whole where whole, weighted names as "cpu 3, gpu 1", lists joined, yes/no as ✓/–. */
    private static String text(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean() ? "✓" : "–";
        }
        if (v.isNumber()) {
            return Units.number(v.numberValue());
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(e.has("name")
                    ? e.path("name").asString("") + (e.has("weight") ? " " + Units.number(e.path("weight").numberValue()) : "")
                    : text(e)));
            return String.join(", ", parts);
        }
        return v.isValueNode() ? v.asString("") : v.toString();
    }

    private static Map<String, String> orderedMap(String... keyValues) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
