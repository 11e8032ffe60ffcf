package org.slurmworkbench.workbench;

import java.io.IOException;
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

    private final int port;
    private final TestProcess process;

    private TestApp(String name, int port, List<String> command) {
        this.port = port;
        this.process = new TestProcess(name, command, Path.of("target", "test-apps", name + ".log"), () -> answers(port));
    }

    /** Starts the app and waits until its login page answers. */
    public static TestApp start(String name, String database, Map<String, String> properties) {
        TestApp app = create(name, database, properties);
        app.start();
        return app;
    }

    private static TestApp create(String name, String database, Map<String, String> properties) {
        int port = TestProcess.freePort();
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
        return new TestApp(name, port, command);
    }

    /**
     * Starts one app per name at once on the same database and settings, and waits until each answers: a start is
     * mostly a JVM warming up, so two side by side take little longer than one. On a failure the started ones stop.
     */
    public static List<TestApp> startAll(String database, Map<String, String> properties, String... names)
            throws InterruptedException {
        List<TestApp> apps = new ArrayList<>();
        List<Thread> starts = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (String name : names) {
            TestApp app = create(name, database, properties);
            apps.add(app);
            starts.add(Thread.ofVirtual().name("start-" + name).start(() -> {
                try {
                    app.start();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : starts) {
            t.join();
        }
        if (!failures.isEmpty()) {
            for (TestApp app : apps) {
                if (app.process.alive()) {
                    app.close();
                }
            }
            throw failures.getFirst();
        }
        return apps;
    }

    /** Starts it again after a kill or stop, on the same port with the same settings. */
    public void start() {
        process.start(Duration.ofSeconds(300)); // a bound for loaded machines; ~20 s on a quiet one
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.alive();
    }

    /** SIGKILL: no shutdown hooks, no lease released, as when a machine dies. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM and wait for the graceful shutdown. */
    @Override
    public void close() throws InterruptedException {
        process.stop();
    }

    private static boolean answers(int port) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("workbench-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/workbench-*.jar: run the package phase first"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
