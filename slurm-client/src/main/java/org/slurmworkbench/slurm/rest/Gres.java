package org.slurmworkbench.slurm.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts GPUs in a node's GRES strings: {@code gres} "gpu:4", "gpu:a100:2(S:0-1),gpu:v100:2" and
 * {@code gres_used} "gpu:1(IDX:0)", "gpu:a100:2(IDX:0,2)". Commas inside parentheses belong to the index
 * list, not to the next item.
 */
public final class Gres {

    private Gres() {
    }

    public static int gpuCount(String gres) {
        if (gres == null || gres.isBlank() || gres.equals("(null)")) {
            return 0;
        }
        int total = 0;
        for (String item : items(gres)) {
            int paren = item.indexOf('(');
            String spec = (paren >= 0 ? item.substring(0, paren) : item).trim();
            String[] parts = spec.split(":");
            if (!parts[0].equals("gpu")) {
                continue;
            }
            if (parts.length == 1) {
                total += 1; // "gpu" alone means one
                continue;
            }
            String count = parts[parts.length - 1];
            try {
                total += Integer.parseInt(count);
            } catch (NumberFormatException e) {
                total += 1; // "gpu:a100" names a type without a count: one
            }
        }
        return total;
    }

    /** Splits on commas that are not inside parentheses. */
    public static List<String> items(String gres) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < gres.length(); i++) {
            char c = gres.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth = Math.max(0, depth - 1);
            else if (c == ',' && depth == 0) {
                out.add(gres.substring(start, i));
                start = i + 1;
            }
        }
        out.add(gres.substring(start));
        return out;
    }
}
