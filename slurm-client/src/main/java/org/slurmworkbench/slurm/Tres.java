package org.slurmworkbench.slurm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trackable resources by Slurm name: {@code cpu}, {@code mem} (MB), {@code node}, {@code billing},
 * {@code gres/gpu}, {@code gres/gpu:a100}... Slurm's own strings ("cpu=4,mem=8G,gres/gpu=1") and arrays of
 * {type, name, count} objects both lift to this one shape.
 */
public record Tres(Map<String, Long> values) {

    public static final Tres EMPTY = new Tres(Map.of());

    public Tres {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public long get(String name) {
        return values.getOrDefault(name, 0L);
    }

    public long cpus() {
        return get("cpu");
    }

    public long memoryMb() {
        return get("mem");
    }

    /** All GPUs, typed or not ({@code gres/gpu} counts them all when types are tracked too). */
    public long gpus() {
        Long plain = values.get("gres/gpu");
        if (plain != null) {
            return plain;
        }
        return values.entrySet().stream().filter(e -> e.getKey().startsWith("gres/gpu:")).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Parses Slurm's TRES string form, e.g. {@code cpu=32,mem=62.50G,billing=32,gres/gpu=4}. Memory is turned
     * into MB; other units (K, M, G, T) scale by 1024 too.
     */
    public static Tres parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        Tres known = PARSED.get(text);
        if (known != null) {
            return known;
        }
        Tres parsed = parseNew(text);
        if (PARSED.size() >= PARSED_MAX) {
            PARSED.clear(); // a cluster's jobs share few shapes; this only bounds odd cases
        }
        PARSED.put(text, parsed);
        return parsed;
    }

    /**
     * Parsed strings, shared: 100,000 jobs of a few shapes then hold a few Tres (each a map, ~0.5 KB) instead of
     * 200,000. Tres is immutable, so sharing is safe.
     */
    private static final Map<String, Tres> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_MAX = 4096;

    private static Tres parseNew(String text) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            map.put(key, parseAmount(key, part.substring(eq + 1).trim()));
        }
        return new Tres(map);
    }

    private static long parseAmount(String key, String value) {
        if (value.isEmpty()) {
            return 0;
        }
        char unit = Character.toUpperCase(value.charAt(value.length() - 1));
        double scale = switch (unit) {
            case 'K' -> 1.0 / 1024;
            case 'M' -> 1;
            case 'G' -> 1024;
            case 'T' -> 1024.0 * 1024;
            case 'P' -> 1024.0 * 1024 * 1024;
            default -> Double.NaN;
        };
        if (Double.isNaN(scale)) {
            return Math.round(Double.parseDouble(value));
        }
        double number = Double.parseDouble(value.substring(0, value.length() - 1));
        // Only memory-like TRES carry a unit; for them the stable unit is MB.
        return Math.round(number * scale);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }
}
