package org.slurmworkbench.workbench.submit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code #SBATCH} script equivalent to a job form: what the user would write to submit it with sbatch. */
final class SbatchPreview {

    private SbatchPreview() {
    }

    static String render(JobSpec s) {
        String script = s.script() == null ? "" : s.script();
        String first = script.startsWith("#!") ? script.lines().findFirst().orElse("#!/bin/bash") : "#!/bin/bash";
        String body = script.startsWith("#!") ? script.substring(Math.min(script.length(), first.length() + 1)) : script;
        List<String> lines = new ArrayList<>();
        lines.add(first);
        option(lines, "job-name", s.name());
        option(lines, "partition", s.partition());
        option(lines, "account", s.account());
        option(lines, "qos", s.qos());
        option(lines, "nodes", s.nodes());
        option(lines, "ntasks", s.tasks());
        option(lines, "cpus-per-task", s.cpusPerTask());
        option(lines, s.memoryPer() == JobSpec.MemoryPer.CPU ? "mem-per-cpu" : "mem", s.memory());
        if (s.gpus() != null && s.gpus() > 0) {
            option(lines, "gres", "gpu:" + (s.gpuType() == null ? "" : s.gpuType() + ":") + s.gpus());
        }
        option(lines, "time", s.timeLimit());
        option(lines, "array", s.array());
        option(lines, "chdir", s.workDir());
        option(lines, "output", s.output());
        option(lines, "error", s.error());
        Map<String, String> env = s.environment();
        if (env != null && !env.isEmpty()) {
            option(lines, "export", env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")));
        }
        option(lines, "dependency", s.dependency());
        option(lines, "begin", sbatchBegin(s.begin()));
        if (s.held()) {
            lines.add("#SBATCH --hold");
        }
        option(lines, "comment", s.comment());
        return String.join("\n", lines) + "\n" + body;
    }

    /** sbatch takes local times without an offset: an ISO instant ("...Z", "+08:00") is shown in the server's zone. */
    private static String sbatchBegin(String begin) {
        if (begin == null || !begin.matches(".*T.*([Zz]|[+-]\\d{2}:?\\d{2})")) {
            return begin;
        }
        return SlurmSyntax.beginTime(begin, java.time.Instant.now(), java.time.ZoneId.systemDefault())
                .map(at -> java.time.LocalDateTime.ofInstant(at, java.time.ZoneId.systemDefault())
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .orElse(begin);
    }

    private static void option(List<String> lines, String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            return;
        }
        String v = value.toString();
        lines.add("#SBATCH --" + name + "=" + (v.matches("[^\\s\"'$`\\\\]*") ? v : "\"" + v.replaceAll("([\"$`\\\\])", "\\\\$1") + "\""));
    }
}
