package org.slurmworkbench.slurm.lab;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.SlurmClientConfig;
import org.slurmworkbench.slurm.token.MintedTokens;

/**
 * A cluster started by {@code lab/lab up}, described by its {@code cluster.env} under the lab root
 * ({@code -Dwb.lab.root}, default /var/lib/slurm-workbench-lab). Integration tests run against every
 * release found; with {@code -Dwb.lab.require=22.05,24.11,26.05} (set by the test command) a missing
 * release fails the run instead of shrinking it.
 */
public record LabCluster(String name, String release, String restUrl, Path jwtKey, String adminUser,
                         List<String> users, String gpuQos) {

    public static final String ROOT = System.getProperty("wb.lab.root", "/var/lib/slurm-workbench-lab");

    public static List<LabCluster> all() {
        Path root = Path.of(ROOT);
        List<LabCluster> found = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.map(d -> d.resolve("cluster.env")).filter(Files::isRegularFile).sorted().forEach(f -> found.add(read(f)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + root, e);
            }
        }
        String required = System.getProperty("wb.lab.require", "");
        for (String release : required.split(",")) {
            if (!release.isBlank() && found.stream().noneMatch(c -> c.release().startsWith(release.trim()))) {
                throw new IllegalStateException("lab release " + release + " is required but has no cluster.env under "
                        + root + " (run lab/lab up --release " + release.trim() + ")");
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no lab cluster under " + root + ": run lab/lab up first");
        }
        return found;
    }

    static LabCluster read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return new LabCluster(unquote(p.getProperty("CLUSTER_NAME")), unquote(p.getProperty("RELEASE")),
                unquote(p.getProperty("REST_URL")), Path.of(unquote(p.getProperty("JWT_KEY"))),
                unquote(p.getProperty("ADMIN_USER")), Arrays.asList(unquote(p.getProperty("USERS")).split(",")),
                unquote(p.getProperty("GPU_QOS", "gpu")));
    }

    private static String unquote(String v) {
        if (v == null) {
            return "";
        }
        v = v.trim();
        return v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v;
    }

    /** A client minting its own tokens with the cluster's key, as the workbench does. */
    public SlurmClient client(Duration tokenLifespan) {
        return new SlurmClient(SlurmClientConfig.of(restUrl, new MintedTokens(jwtKey, tokenLifespan), adminUser));
    }

    public SlurmClient client() {
        return client(Duration.ofMinutes(10));
    }

    /**
     * The lab script: {@code -Dwb.lab.script}, else {@code lab/lab} in the nearest directory above the working directory
     * that has one (this checkout's).
     */
    public static String script() {
        String set = System.getProperty("wb.lab.script");
        if (set != null && !set.isBlank()) {
            return set;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path lab = dir.resolve("lab/lab");
            if (Files.isExecutable(lab)) {
                return lab.toString();
            }
        }
        throw new IllegalStateException("lab/lab not found above " + Path.of("").toAbsolutePath());
    }

    /** Runs the lab script itself ({@code lab/lab up --release 22.05}, ...); fails unless it exits 0. */
    public static String lab(String... args) {
        List<String> cmd = new ArrayList<>(List.of(script()));
        cmd.addAll(List.of(args));
        Ran ran = run(new ProcessBuilder(cmd).redirectErrorStream(true), 600);
        if (ran.exitCode() != 0) {
            throw new AssertionError(cmd + " failed: " + ran.output());
        }
        return ran.output();
    }

    /** What a command printed (as {@code builder} routes it) and its exit code. */
    public record Ran(String output, int exitCode) {
    }

    /** Runs {@code builder}'s command; fails (and kills it) when it takes longer than {@code seconds}. */
    public static Ran run(ProcessBuilder builder, long seconds) {
        try {
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + builder.command());
            }
            return new Ran(out, p.exitValue());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + builder.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts whatever daemon of this release is not running ({@code lab up --release}). */
    public void up() {
        lab("up", "--release", series());
    }

    /** SIGTERM to this release's {@code daemon} (slurmctld, slurmdbd, slurmrestd, ...) by its PID file; waits until it is gone. */
    public void stop(String daemon) {
        Path pidFile = Path.of(ROOT, series(), "pids", daemon + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(daemon + " is not running"));
            process.destroy();
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot stop " + daemon + " of " + this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Release series such as "22.05". */
    public String series() {
        return release.length() >= 5 ? release.substring(0, 5) : release;
    }

    @Override
    public String toString() {
        return "Slurm " + release + " (" + name + ")";
    }
}
