package org.slurmworkbench.workbench.submit.queue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The queue benchmark (run by {@code bench/queue}, not by CI): {@link QueueBenchMain} in a forked JVM with -Xmx512m,
 * {@code -Dbench.queueJobs} (100,000) jobs, {@code -Dbench.viewers} (50) viewers polling {@code -Dbench.rounds} (20)
 * times. Prints its lines; never asserts times (the machine is shared).
 */
class QueueBench {

    @Test
    void indexedQueueVsFilteringPerRequest() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                QueueBenchMain.class.getName(), Integer.getInteger("bench.queueJobs", 100_000).toString(),
                Integer.getInteger("bench.viewers", 50).toString(), Integer.getInteger("bench.rounds", 20).toString())
                .redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor(10, TimeUnit.MINUTES);
        List<String> queue = lines.stream().filter(l -> l.startsWith("QUEUE")).toList();
        System.out.printf("%nQUEUE BENCH (load %s)%n%s%n%n", java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0],
                queue.isEmpty() ? "FAILED (exit " + p.exitValue() + "): " + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))
                        : String.join("\n", queue));
    }
}
