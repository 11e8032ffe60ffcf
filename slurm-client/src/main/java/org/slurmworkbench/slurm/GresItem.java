package org.slurmworkbench.slurm;

import java.util.ArrayList;
import java.util.List;
import org.slurmworkbench.slurm.rest.Gres;

/**
 * One item of a node's GRES string: {@code gpu:a100:2(S:0-1)} is name gpu, type a100, count 2; {@code gpu:4} has no
 * type. {@code detail} is what stood in parentheses (sockets for configured GRES, indexes for used), or null.
 */
public record GresItem(String name, String type, long count, String detail) {

    /** The items of {@code gres} ("gpu:a100:2(S:0-1),gpu:v100:2"); empty for none, "(null)" and "N/A". */
    public static List<GresItem> parse(String gres) {
        List<GresItem> out = new ArrayList<>();
        if (gres == null || gres.isBlank() || gres.equals("(null)") || gres.equals("N/A")) {
            return out;
        }
        for (String item : Gres.items(gres)) {
            int paren = item.indexOf('(');
            String spec = (paren >= 0 ? item.substring(0, paren) : item).trim();
            String detail = paren >= 0 ? item.substring(paren + 1, item.endsWith(")") ? item.length() - 1 : item.length()) : null;
            if (spec.isEmpty()) {
                continue;
            }
            String[] parts = spec.split(":");
            String type = null;
            long count = 1;
            if (parts.length >= 2) {
                String last = parts[parts.length - 1];
                if (last.matches("\\d+")) {
                    count = Long.parseLong(last);
                    type = parts.length >= 3 ? parts[1] : null;
                } else {
                    type = parts[1];
                }
            }
            out.add(new GresItem(parts[0], type, count, detail));
        }
        return out;
    }

    /** As Slurm writes it without the parentheses: "gpu:a100:2", "gpu:4". */
    public String label() {
        return name + (type == null ? "" : ":" + type) + ":" + count;
    }
}
