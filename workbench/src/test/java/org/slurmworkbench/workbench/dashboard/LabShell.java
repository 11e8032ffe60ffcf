package org.slurmworkbench.workbench.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slurmworkbench.slurm.lab.LabCluster;

/**
 * Runs Slurm's own commands (sinfo, squeue, scontrol) in a lab release's environment through {@code lab/lab sh},
 * found relative to the project root, to compare the workbench's numbers with Slurm's.
 */
final class LabShell {

    private static final Path LAB = find();

    private LabShell() {
    }

    private static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path lab = dir.resolve("lab/lab");
            if (Files.isExecutable(lab)) {
                return lab;
            }
        }
        throw new IllegalStateException("lab/lab not found above " + Path.of("").toAbsolutePath());
    }

    static String run(LabCluster cluster, String... command) {
        List<String> cmd = new ArrayList<>(List.of(LAB.toString(), "sh", cluster.series()));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static List<String> lines(LabCluster cluster, String... command) {
        return run(cluster, command).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
