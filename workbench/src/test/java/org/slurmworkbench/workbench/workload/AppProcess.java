package org.slurmworkbench.workbench.workload;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slurmworkbench.workbench.TestHttp;

/**
 * The workbench as a separate process from the built jar, with its own port, database and Redis (a child
 * {@code redis-server} that keeps nothing on disk), so a test can SIGKILL either and start it again without touching
 * anything shared. Both processes are known by their handles, never by name.
 */
final class AppProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "crash-test-admin";

    private final Path logDir;
    private final String db;
    private final int appPort = freePort();
    private final int redisPort = freePort();
    private Process app;
    private Process redis;
    private int appStarts;
    private int redisStarts;

    AppProcess(String db, Path logDir) throws IOException {
        this.db = db;
        this.logDir = Files.createDirectories(logDir);
    }

    int port() {
        return appPort;
    }

    TestHttp admin() {
        return new TestHttp(appPort).basic("admin", ADMIN_PASSWORD);
    }

    void startRedis() throws IOException {
        redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(logDir.resolve("redis-" + (++redisStarts) + ".log").toFile()).start();
        await(() -> ping(redisPort), Duration.ofSeconds(20), "redis-server on " + redisPort);
    }

    /** SIGKILL: Redis loses every stream, as a restart of this machine's Redis would. */
    void killRedis() throws InterruptedException {
        redis.destroyForcibly().waitFor();
    }

    void startApp() throws IOException {
        File jar = jar();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-jar", jar.getPath(),
                "--server.port=" + appPort,
                "--spring.datasource.url=jdbc:mariadb://127.0.0.1:3306/" + db + "?createDatabaseIfNotExist=true",
                "--spring.data.redis.port=" + redisPort,
                "--workbench.lab-root=" + System.getProperty("wb.lab.root", "/var/lib/slurm-workbench-lab"),
                "--workbench.bootstrap-admin.username=admin",
                "--workbench.bootstrap-admin.password=" + ADMIN_PASSWORD,
                "--workbench.bootstrap-admin.slurm-user=wbadmin",
                "--workbench.submit.test-users=alice,bob,carol",
                "--workbench.workload.claim-timeout=20s",
                "--workbench.workload.min-idle=10s",
                "--workbench.history.enabled=false",
                "--workbench.accounting.sync.enabled=false"));
        app = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logDir.resolve("app-" + (++appStarts) + ".log").toFile()).start();
        await(() -> {
            if (!app.isAlive()) {
                throw new AssertionError("the app exited with " + app.exitValue() + "; see " + logDir);
            }
            try {
                return admin().get("/api/v1/workloads/runs").status() == 200;
            } catch (AssertionError e) {
                return false;
            }
        }, Duration.ofMinutes(3), "the app on " + appPort);
    }

    /** SIGKILL, mid-run: no shutdown hook, no acknowledgement, claims left as they were. */
    void killApp() throws InterruptedException {
        app.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (app != null) {
            app.destroyForcibly().waitFor();
        }
        if (redis != null) {
            redis.destroyForcibly().waitFor();
        }
    }

    static void await(java.util.function.BooleanSupplier done, Duration timeout, String what) {
        Instant until = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError(what + " not ready in " + timeout);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static boolean ping(int port) {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] buf = new byte[7];
            return socket.getInputStream().read(buf) > 0 && new String(buf).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static File jar() {
        File[] jars = new File("target").listFiles((dir, name) -> name.startsWith("workbench-") && name.endsWith(".jar")
                && !name.contains("sources") && !name.contains("tests"));
        if (jars == null || jars.length == 0) {
            throw new AssertionError("no workbench jar in target/: run through failsafe (mvn verify)");
        }
        return jars[0];
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
