package org.slurmworkbench.workbench.glidein.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The glidein form as the browser posts it: the request's fields, the extra attributes as {@code Name = expression}
 * lines. Empty fields mean "the default".
 */
record GlideinForm(
        String cluster, String pool, String collector, String token, String tokenFile, String poolPasswordFile,
        Integer count, Integer cpus, Integer gpus, Integer memoryMb, String lifetime, Integer idle, Integer updateInterval,
        String partition, String account, String qos, String site, String attributes, String workDir,
        String networkInterface, String portRange) {

    static GlideinForm empty(String cluster) {
        return new GlideinForm(cluster, "", "", "", "", "", 2, 1, null, 2000, "1:00:00", 600, 60, "", "", "", "",
                "GLIDEIN_ResourceName = \"" + (cluster == null ? "" : cluster) + "\"", "/tmp", "", "");
    }

    GlideinRequest toRequest() {
        return new GlideinRequest(blank(pool), blank(collector), blank(token), blank(tokenFile), blank(poolPasswordFile),
                count, cpus, gpus, memoryMb, blank(lifetime), idle, updateInterval, blank(partition), blank(account),
                blank(qos), blank(site), attributeMap(), blank(workDir), blank(networkInterface), blank(portRange));
    }

    /** {@code Name = expression} per line; a line without {@code =} keeps an invalid name, so the field is named. */
    Map<String, String> attributeMap() {
        Map<String, String> attrs = new LinkedHashMap<>();
        if (attributes != null) {
            for (String line : attributes.split("\\R")) {
                if (!line.isBlank()) {
                    int eq = line.indexOf('=');
                    attrs.put(eq < 0 ? line.strip() + " (no =)" : line.substring(0, eq).strip(), eq < 0 ? "" : line.substring(eq + 1).strip());
                }
            }
        }
        return attrs;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
