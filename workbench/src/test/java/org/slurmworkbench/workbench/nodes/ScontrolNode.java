package org.slurmworkbench.workbench.nodes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;

/**
 * {@code scontrol show node NAME} and {@code scontrol show res NAME} as key=value pairs; {@code Reason} taken whole
 * (it holds spaces and ends in "[user@time]"), every other value up to the next space.
 */
final class ScontrolNode {

    private static final Pattern KEY_VALUE = Pattern.compile("(?<=^|\\s)([A-Za-z/]+)=(\\S*)");
    private static final Pattern REASON = Pattern.compile("(?m)^\\s*Reason=(.*?)\\s*$");

    private ScontrolNode() {
    }

    static Map<String, String> node(LabCluster lab, String name) {
        String out = LabShell.run(lab, "scontrol", "show", "node", name);
        Map<String, String> fields = pairs(out);
        Matcher reason = REASON.matcher(out);
        if (reason.find()) {
            fields.put("Reason", reason.group(1));
        }
        return fields;
    }

    static Map<String, String> reservation(LabCluster lab, String name) {
        return pairs(LabShell.run(lab, "scontrol", "show", "res", name));
    }

    private static Map<String, String> pairs(String out) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = KEY_VALUE.matcher(out);
        while (m.find()) {
            fields.putIfAbsent(m.group(1), m.group(2));
        }
        return fields;
    }
}
