package org.slurmworkbench.workbench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slurmworkbench.slurm.lab.LabCluster;

/** What {@code sacctmgr} says of a QOS, and QOS names the tests create (and remove) on the shared lab. */
public final class QosLab {

    private QosLab() {
    }

    /** A fresh name such as {@code wbt-k3x9q2}. */
    public static String newName() {
        return "wbt-" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    }

    /** {@code sacctmgr -P show qos NAME}: column to value; empty when Slurm has no such QOS. */
    public static Map<String, String> show(LabCluster lab, String name) {
        String out = LabShell.run(lab, "sacctmgr", "-P", "show", "qos", name,
                "format=Name,GrpTRES,MaxTRESPU,MaxTRES,MaxJobsPU,MaxSubmitPU,Priority,Description");
        String[] lines = out.strip().split("\\R");
        Map<String, String> row = new LinkedHashMap<>();
        if (lines.length < 2 || !lines[0].startsWith("Name|")) {
            if (!out.isBlank() && !lines[0].startsWith("Name|")) {
                throw new AssertionError("sacctmgr said: " + out);
            }
            return row;
        }
        String[] header = lines[0].split("\\|", -1);
        for (int i = 1; i < lines.length; i++) {
            String[] values = lines[i].split("\\|", -1);
            if (values[0].equals(name)) {
                for (int c = 0; c < header.length; c++) {
                    row.put(header[c], c < values.length ? values[c] : "");
                }
            }
        }
        return row;
    }

    public static void delete(LabCluster lab, String name) {
        LabShell.run(lab, "sacctmgr", "-i", "delete", "qos", name);
    }
}
