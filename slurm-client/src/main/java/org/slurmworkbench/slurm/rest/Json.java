package org.slurmworkbench.slurm.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slurmworkbench.slurm.Tres;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Reading helpers shared by every adapter. slurmrestd writes the same number as a plain integer (v0.0.38)
 * or as {@code {"set": bool, "infinite": bool, "number": n}} (v0.0.39+); these read both.
 */
public final class Json {

    private Json() {
    }

    /** The number, or null when unset or infinite. */
    public static Long number(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            if (!node.path("set").asBoolean(true) || node.path("infinite").asBoolean(false)) {
                return null;
            }
            return number(node.path("number"));
        }
        if (node.isNumber()) {
            return node.asLong();
        }
        if (node.isString()) {
            try {
                return Long.parseLong(node.asString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A float written plainly or as {@code {set, infinite, number}}; null when unset, infinite or missing. */
    public static Double decimal(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            return !node.path("set").asBoolean(true) || node.path("infinite").asBoolean(false) ? null
                    : decimal(node.path("number"));
        }
        return node.isNumber() ? node.asDouble() : null;
    }

    public static boolean isInfinite(JsonNode node) {
        return node != null && node.isObject() && node.path("infinite").asBoolean(false);
    }

    public static long number(JsonNode node, long fallback) {
        Long n = number(node);
        return n == null ? fallback : n;
    }

    public static int integer(JsonNode node, int fallback) {
        Long n = number(node);
        return n == null ? fallback : n.intValue();
    }

    public static Integer integerOrNull(JsonNode node) {
        Long n = number(node);
        return n == null ? null : n.intValue();
    }

    /**
     * A Slurm limit where "no limit" is written as unset, infinite, or one of Slurm's sentinels
     * (NO_VAL 0xfffffffe, INFINITE 0xffffffff and their 16/64-bit forms); all of them read as null.
     */
    public static Integer limit(JsonNode node) {
        Long n = number(node);
        if (n == null || n < 0 || n >= 0xfffffffeL || n == 0xfffeL || n == 0xffffL) {
            return null;
        }
        return n.intValue();
    }

    /**
     * An epoch-seconds time; 0, unset and Slurm's NO_VAL/INFINITE sentinels mean "not set" and give null
     * (slurmdbd writes {@code time.start: 4294967294} for a job cancelled before it started).
     */
    public static Instant instant(JsonNode node) {
        Long n = number(node);
        return n == null || n <= 0 || n == 0xfffffffeL || n == 0xffffffffL ? null : Instant.ofEpochSecond(n);
    }

    public static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        String s = node.isString() ? node.asString() : node.toString();
        return s.isEmpty() ? null : s;
    }

    /** Strings of an array, or a comma-separated string split into its parts (22.05 writes both forms). */
    public static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> {
                if (!n.asString("").isEmpty()) out.add(n.asString());
            });
        } else {
            for (String part : node.asString("").split(",")) {
                if (!part.isBlank()) out.add(part.trim());
            }
        }
        return out;
    }

    /** A state as an upper-case list: "idle+drain" (22.05 text) and ["IDLE","DRAIN"] (later) alike. */
    public static List<String> states(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        List<String> raw = node.isArray() ? strings(node) : List.of(node.asString("").split("\\+"));
        for (String s : raw) {
            if (!s.isBlank()) out.add(s.trim().toUpperCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * A TRES list ([{type, name, count}]) as {@link Tres}: "cpu", "mem" (MB), "gres/gpu"... Entries whose
     * count is null (not tracked) are left out.
     */
    public static Tres tresList(JsonNode list) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (JsonNode t : list) {
            Long count = Json.number(t.path("count"));
            String type = Json.text(t.path("type"));
            if (count == null || type == null) {
                continue;
            }
            String name = Json.text(t.path("name"));
            values.put(name == null ? type : type + "/" + name, count);
        }
        return new Tres(values);
    }
}
