package org.slurmworkbench.workbench.cluster.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slurmworkbench.slurm.rest.RestTransport;

/**
 * Times every call one cluster's client makes to slurmrestd, as {@code workbench.slurm.calls} tagged with the
 * cluster, method, endpoint template, HTTP status and outcome (UNREACHABLE when no answer came).
 */
final class SlurmCallMetrics implements RestTransport.CallObserver {

    private final MeterRegistry registry;
    private final String cluster;
    /**
     * Timers by method, endpoint and status, built once: registering runs the registry's meter filters and builds the
     * tags each time, which a mass submission would pay for every job.
     */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    SlurmCallMetrics(MeterRegistry registry, String cluster) {
        this.registry = registry;
        this.cluster = cluster;
    }

    @Override
    public void called(String method, String endpoint, int status, long nanos) {
        timers.computeIfAbsent(method + " " + endpoint + " " + status, k -> Timer.builder("workbench.slurm.calls")
                        .description("Calls to slurmrestd, by cluster, endpoint and outcome")
                        .tag("cluster", cluster)
                        .tag("method", method)
                        .tag("endpoint", endpoint)
                        .tag("status", status == 0 ? "none" : Integer.toString(status))
                        .tag("outcome", outcome(status))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    static String outcome(int status) {
        if (status == 0) {
            return "UNREACHABLE";
        }
        return switch (status / 100) {
            case 2, 3 -> "SUCCESS";
            case 4 -> "CLIENT_ERROR";
            default -> "SERVER_ERROR";
        };
    }
}
