package org.slurmworkbench.workbench.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands Slurm host lists such as {@code c[1-2],g1} or {@code node[01-03,07]} to node names, to put each
 * running job on the nodes of the grid or to find the jobs on a node. One bracket group per name, as Slurm writes
 * them for its own nodes.
 */
public final class HostList {

    private HostList() {
    }

    public static List<String> expand(String hostList) {
        return expand(hostList, Integer.MAX_VALUE);
    }

    /**
     * As {@link #expand(String)}, for a host list a person typed: at most {@code max} names.
     *
     * @throws IllegalArgumentException naming what is wrong when the list is malformed or names more than {@code max}
     */
    public static List<String> expand(String hostList, int max) {
        List<String> out = new ArrayList<>();
        if (hostList == null || hostList.isBlank() || hostList.equals("(null)")) {
            return out;
        }
        for (String part : topLevelParts(hostList.strip())) {
            int open = part.indexOf('[');
            int close = part.indexOf(']', open + 1);
            if (open < 0 && part.indexOf(']') < 0) {
                add(out, part, max);
                continue;
            }
            if (open < 0 || close < 0 || part.indexOf('[', open + 1) >= 0 && part.indexOf('[', open + 1) < close) {
                throw new IllegalArgumentException("'" + part + "' is not a host list such as c[1-2,5]");
            }
            String prefix = part.substring(0, open);
            String suffix = part.substring(close + 1);
            for (String range : part.substring(open + 1, close).split(",")) {
                int dash = range.indexOf('-');
                if (dash < 0) {
                    add(out, prefix + range + suffix, max);
                    continue;
                }
                String from = range.substring(0, dash);
                int width = from.length();
                long first;
                long last;
                try {
                    first = Long.parseLong(from);
                    last = Long.parseLong(range.substring(dash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + range + "' in '" + part + "' is not a range of numbers such as 1-4");
                }
                if (last - first >= (long) max - out.size()) {
                    throw new IllegalArgumentException("'" + part + "' names more than " + max + " nodes");
                }
                for (long i = first; i <= last; i++) {
                    add(out, prefix + String.format("%0" + width + "d", i) + suffix, max);
                }
            }
        }
        return out;
    }

    private static void add(List<String> out, String name, int max) {
        if (out.size() >= max) {
            throw new IllegalArgumentException("names more than " + max + " nodes");
        }
        out.add(name);
    }

    /** Splits at commas outside brackets. */
    private static List<String> topLevelParts(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        parts.removeIf(String::isBlank);
        return parts;
    }
}
