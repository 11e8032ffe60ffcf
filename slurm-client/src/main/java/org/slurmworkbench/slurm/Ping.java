package org.slurmworkbench.slurm;

/** One controller's answer to ping. {@code latencyMicros} is -1 where the release does not report it. */
public record Ping(String hostname, boolean responding, boolean primary, long latencyMicros) {
}
