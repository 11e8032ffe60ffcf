package org.slurmworkbench.workbench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server a test starts as its own child process (the packaged app, a private MariaDB or Redis): output appended
 * to a log file, started again with the same command after a stop or kill, ready when {@code ready} says so.
 */
final class TestProcess {

    private final String name;
    private final List<String> command;
    private final Path log;
    private final BooleanSupplier ready;
    private Process process;

    TestProcess(String name, List<String> command, Path log, BooleanSupplier ready) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
        this.ready = ready;
    }

    /** Starts the process and waits until it is ready; fails with the log's path if it exits or takes too long. */
    void start(Duration timeout) {
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s; see " + log.toAbsolutePath());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, as when a machine dies. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGTERM, then SIGKILL after 30 s; waits until the process is gone. */
    void stop() throws InterruptedException {
        if (alive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
