package org.slurmworkbench.workbench.scheduler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;

/**
 * One {@code sdiag} reading of a lab release, parsed: "section|label" to its first number (sections: "general",
 * "main", "backfill"), "output at" and "data since" as epoch seconds, and the sum of the RPC counts by type.
 */
public record Sdiag(Map<String, Long> values, long rpcs) {

    private static final Pattern NUMBER = Pattern.compile("(-?\\d+)");
    private static final Pattern EPOCH = Pattern.compile("\\((\\d+)\\)\\s*$");
    private static final Pattern RPC_COUNT = Pattern.compile("\\)\\s+count:(\\d+)");

    /**
     * Reads sdiag once slurmctld's statistics have started: a controller that has just (re)started answers "Data since
     * ... (0)" for a moment, which a before-and-after check would take for a reset.
     */
    public static Sdiag read(LabCluster lab) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Sdiag reading = parse(LabShell.run(lab, "sdiag"));
        while (reading.values.getOrDefault("data since", 0L) == 0 && System.nanoTime() < until) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            reading = parse(LabShell.run(lab, "sdiag"));
        }
        return reading;
    }

    static Sdiag parse(String out) {
        Map<String, Long> values = new LinkedHashMap<>();
        String section = "general";
        long rpcs = 0;
        for (String raw : out.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("sdiag output at") || line.startsWith("Data since")) {
                Matcher m = EPOCH.matcher(line);
                if (m.find()) {
                    values.put(line.startsWith("sdiag") ? "output at" : "data since", Long.parseLong(m.group(1)));
                }
                continue;
            }
            if (line.startsWith("Main schedule statistics")) {
                section = "main";
            } else if (line.startsWith("Main scheduler exit") || line.startsWith("Backfill exit")) {
                section = "exit";
            } else if (line.startsWith("Backfilling stats")) {
                section = "backfill";
            } else if (line.startsWith("Remote Procedure Call statistics by message type")) {
                section = "rpc-type";
            } else if (line.startsWith("Remote Procedure Call statistics by user")) {
                section = "rpc-user";
            } else if (section.equals("rpc-type")) {
                Matcher m = RPC_COUNT.matcher(line);
                if (m.find()) {
                    rpcs += Long.parseLong(m.group(1));
                }
            } else if (line.contains(":")) {
                String label = line.substring(0, line.indexOf(':')).strip();
                Matcher m = NUMBER.matcher(line.substring(line.indexOf(':') + 1));
                if (m.find()) {
                    values.putIfAbsent(section + "|" + label, Long.parseLong(m.group(1)));
                }
            }
        }
        return new Sdiag(values, rpcs);
    }

    public long get(String key) {
        Long v = values.get(key);
        if (v == null) {
            throw new AssertionError("sdiag printed no '" + key + "': " + values.keySet());
        }
        return v;
    }
}
