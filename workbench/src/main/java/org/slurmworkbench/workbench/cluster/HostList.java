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
        List<String> out = new ArrayList<>();
        if (hostList == null || hostList.isBlank() || hostList.equals("(null)")) {
            return out;
        }
        for (String part : topLevelParts(hostList.strip())) {
            int open = part.indexOf('[');
            int close = part.indexOf(']', open + 1);
            if (open < 0 || close < 0) {
                out.add(part);
                continue;
            }
            String prefix = part.substring(0, open);
            String suffix = part.substring(close + 1);
            for (String range : part.substring(open + 1, close).split(",")) {
                int dash = range.indexOf('-');
                if (dash < 0) {
                    out.add(prefix + range + suffix);
                    continue;
                }
                String from = range.substring(0, dash);
                int width = from.length();
                for (long i = Long.parseLong(from), to = Long.parseLong(range.substring(dash + 1)); i <= to; i++) {
                    out.add(prefix + String.format("%0" + width + "d", i) + suffix);
                }
            }
        }
        return out;
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
