package org.slurmworkbench.workbench.gauges.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prometheus' text exposition format (version 0.0.4): every family once, with its HELP and TYPE, and all its samples
 * together, whichever cluster added them. Label values escaped as the format says.
 */
final class Exposition {

    private record Family(String help, StringBuilder samples) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** Declares a gauge; families are written in the order declared. */
    Exposition gauge(String name, String help) {
        families.put(name, new Family(help, new StringBuilder()));
        return this;
    }

    /** One sample; {@code labels} alternates names and values. */
    void add(String name, double value, String... labels) {
        StringBuilder out = families.get(name).samples();
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"");
                escape(labels[i + 1], out);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
        out.append('\n');
    }

    private static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    String text() {
        StringBuilder out = new StringBuilder(4096);
        families.forEach((name, f) -> {
            if (!f.samples().isEmpty()) {
                out.append("# HELP ").append(name).append(' ').append(f.help()).append('\n');
                out.append("# TYPE ").append(name).append(" gauge\n");
                out.append(f.samples());
            }
        });
        return out.toString();
    }
}
