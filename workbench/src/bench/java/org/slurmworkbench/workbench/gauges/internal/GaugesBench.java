package org.slurmworkbench.workbench.gauges.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gauges benchmark (run by {@code bench/gauges}, not by CI): {@link GaugesBenchMain} in a forked JVM with -Xmx512m,
 * {@code -Dbench.gaugeJobs} (20,000) jobs, {@code -Dbench.rounds} (2,000) warm scrapes. Prints its lines; never asserts
 * times (the machine is shared).
 */
class GaugesBench {

    @Test
    void scrapeVsOneRawJobListRead() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                GaugesBenchMain.class.getName(), Integer.getInteger("bench.gaugeJobs", 20_000).toString(),
                Integer.getInteger("bench.rounds", 2_000).toString())
                .redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor(10, TimeUnit.MINUTES);
        List<String> gauges = lines.stream().filter(l -> l.startsWith("GAUGES")).toList();
        System.out.printf("%nGAUGES BENCH (load %s)%n%s%n%n", Files.readString(Path.of("/proc/loadavg")).split(" ")[0],
                gauges.isEmpty() ? "FAILED (exit " + p.exitValue() + "): " + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))
                        : String.join("\n", gauges));
    }
}
