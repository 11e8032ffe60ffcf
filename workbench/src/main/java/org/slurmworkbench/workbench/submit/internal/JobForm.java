package org.slurmworkbench.workbench.submit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job form's fields as the browser posts them; the same options as {@link JobSpec}, with the environment as
 * {@code KEY=value} lines. Empty fields mean "Slurm's default".
 */
record JobForm(
        String cluster, String name, String partition, String account, String qos, Integer nodes, Integer tasks,
        Integer cpusPerTask, String memory, JobSpec.MemoryPer memoryPer, Integer gpus, String timeLimit, String array,
        String workDir, String output, String error, String environment, String dependency, String begin, Boolean hold,
        String comment, String script, String user) {

    static final String DEFAULT_SCRIPT = "#!/bin/bash\n\nhostname\nsleep 5\n";

    static JobForm empty(String cluster) {
        return new JobForm(cluster, "", "", "", "", 1, 1, 1, "", JobSpec.MemoryPer.NODE, null, "10", "", "/tmp", "", "",
                "", "", "", false, "", DEFAULT_SCRIPT, "");
    }

    JobForm withCluster(String c) {
        return new JobForm(c, name, partition, account, qos, nodes, tasks, cpusPerTask, memory, memoryPer, gpus, timeLimit,
                array, workDir, output, error, environment, dependency, begin, hold, comment, script, user);
    }

    /** The spec to check and send; environment lines that are not KEY=value are kept under an invalid key. */
    JobSpec toSpec() {
        return new JobSpec(script == null ? null : script.replace("\r\n", "\n"), name, blank(partition), blank(account),
                blank(qos), nodes, tasks, cpusPerTask, blank(memory), memoryPer, gpus, null, blank(timeLimit), blank(array),
                blank(workDir), blank(output), blank(error), environmentMap(), blank(dependency), blank(begin), hold, blank(comment),
                blank(user));
    }

    Map<String, String> environmentMap() {
        Map<String, String> env = new LinkedHashMap<>();
        if (environment != null) {
            for (String line : environment.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.indexOf('=');
                // "KEY" alone or "=x" become a key that fails the name rule, so the field is named.
                env.put(eq < 0 ? line.trim() + " (no =)" : line.substring(0, eq).trim(), eq < 0 ? "" : line.substring(eq + 1));
            }
        }
        return env;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
