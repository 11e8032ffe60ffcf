package org.slurmworkbench.workbench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged workbench (target/workbench-*.jar, built before failsafe runs) started as a separate process, for
 * tests that kill it, restart it or run two of it. Each gets a free port, the lab clusters, the test admin and
 * the database and Redis prefix it is given; its output goes to target/test-apps/&lt;name&gt;.log.
 */
public final class TestApp implements AutoCloseable {

    private final String name;
    private final int port;
    private final List<String> command;
    private final Path log;
    private Process process;

    private TestApp(String name, int port, List<String> command, Path log) {
        this.name = name;
        this.port = port;
        this.command = command;
        this.log = log;
    }

    /** Starts the app and waits until its login page answers. */
    public static TestApp start(String name, String database, Map<String, String> properties) {
        int port = freePort();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", Integer.toString(port));
        p.put("spring.datasource.url", "jdbc:mariadb://127.0.0.1:3306/" + database + "?createDatabaseIfNotExist=true");
        p.put("workbench.lab-root", System.getProperty("wb.lab.root", "/var/lib/slurm-workbench-lab"));
        p.put("workbench.bootstrap-admin.password", "admin-test-password");
        p.put("workbench.bootstrap-admin.slurm-user", "wbadmin");
        p.put("workbench.submit.test-users", "alice,bob,carol");
        p.put("workbench.cluster-status.key-prefix", database + ":cluster-status:");
        p.put("workbench.dashboard.key-prefix", database + ":overview:");
        p.putAll(properties);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        p.forEach((k, v) -> command.add("--" + k + "=" + v));
        Path log = Path.of("target", "test-apps", name + ".log");
        TestApp app = new TestApp(name, port, command, log);
        app.start();
        return app;
    }

    /** Starts it again after a kill or stop, on the same port with the same settings. */
    public void start() {
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
        awaitUp(Duration.ofSeconds(120));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, no lease released, as when a machine dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait for the graceful shutdown. */
    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private void awaitUp(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " did not answer within " + timeout.toSeconds() + " s; see " + log.toAbsolutePath());
    }

    private static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("workbench-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/workbench-*.jar: run the package phase first"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
