package org.slurmworkbench.workbench;

import java.io.IOException;
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

    private final int port;
    private final TestProcess process;

    private TestStores(String name, int port, List<String> command, Path log) {
        this.port = port;
        this.process = new TestProcess(name, command, log, () -> listens(port));
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
        int port = TestProcess.freePort();
        TestStores s = new TestStores(name, port, List.of("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data,
                "--user=root", "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"), "--skip-grant-tables", "--innodb-buffer-pool-size=64M",
                "--skip-log-bin"), dir.resolve("server.log"));
        s.start();
        return s;
    }

    public static TestStores redis(String name) {
        Path dir = Path.of("target", "test-stores", name).toAbsolutePath();
        int port = TestProcess.freePort();
        TestStores s = new TestStores(name, port, List.of("redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", "/tmp"), dir.resolve("server.log"));
        s.start();
        return s;
    }

    public int port() {
        return port;
    }

    /** Starts the server (again) and waits until it accepts connections. */
    public void start() {
        process.start(Duration.ofSeconds(60));
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and waits until it is gone. */
    public void stop() throws InterruptedException {
        process.stop();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static boolean listens(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
