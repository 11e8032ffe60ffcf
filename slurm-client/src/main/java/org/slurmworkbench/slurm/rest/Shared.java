package org.slurmworkbench.slurm.rest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance for equal values read from many records: a job list of 100,000 jobs repeats a few users, accounts,
 * partitions, states and paths, and each read would otherwise make its own copy (the bulk of the list's heap).
 * Bounded: when full it starts over, so odd high-cardinality values cost a lookup and nothing more.
 */
public final class Shared {

    private static final int MAX = 8192;
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();
    private static final Map<List<String>, List<String>> STATES = new ConcurrentHashMap<>();

    private Shared() {
    }

    public static String text(String s) {
        if (s == null || s.length() > 256) {
            return s;
        }
        return shared(TEXTS, s, s);
    }

    /** An unmodifiable list, shared with every equal one. */
    public static List<String> states(List<String> states) {
        List<String> known = STATES.get(states);
        return known != null ? known : shared(STATES, states, List.copyOf(states));
    }

    private static <K, V> V shared(Map<K, V> map, K key, V value) {
        V known = map.get(key);
        if (known != null) {
            return known;
        }
        if (map.size() >= MAX) {
            map.clear();
        }
        V raced = map.putIfAbsent(key, value);
        return raced == null ? value : raced;
    }
}
