package org.slurmworkbench.workbench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private MariaDB or Redis server for fault tests: started as a child process on a free port with its data
 * under target/test-stores/, so a test can stop and restart it without touching the machine's shared servers.
 * MariaDB runs with grant tables off (root, any password), its data kept across restarts; Redis keeps nothing,
 * like the machine's own.
 */
public final class TestStores implements AutoCloseable {

    private final String name;
    private final int port;
    private final List<String> command;
    private final Path log;
    private Process process;

    private TestStores(String name, int port, List<String> command, Path log) {
        this.name = name;
        this.port = port;
        this.command = command;
        this.log = log;
    }

    public static TestStores mariadb(String name) throws IOException, InterruptedException {
        Path dir = Path.of("target", "test-stores", name).toAbsolutePath();
        Path data = dir.resolve("data");
        if (!Files.isDirectory(data.resolve("mysql"))) {
            Files.createDirectories(data);
            Process init = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=root",
                    "--auth-root-authentication-method=normal", "--skip-test-db")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
            if (!init.waitFor(120, TimeUnit.SECONDS) || init.exitValue() != 0) {
                throw new IllegalStateException("mariadb-install-db failed; see " + dir.resolve("install.log"));
            }
        }
        int port = freePort();
        TestStores s = new TestStores(name, port, List.of("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data,
                "--user=root", "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"), "--skip-grant-tables", "--innodb-buffer-pool-size=64M",
                "--skip-log-bin"), dir.resolve("server.log"));
        s.start();
        return s;
    }

    public static TestStores redis(String name) throws IOException {
        Path dir = Path.of("target", "test-stores", name).toAbsolutePath();
        Files.createDirectories(dir);
        int port = freePort();
        TestStores s = new TestStores(name, port, List.of("redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()), dir.resolve("server.log"));
        s.start();
        return s;
    }

    public int port() {
        return port;
    }

    /** Starts the server (again) and waits until it accepts connections. */
    public void start() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                sleep(200);
            }
        }
        throw new IllegalStateException(name + " does not listen on " + port + "; see " + log);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and waits until it is gone. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
