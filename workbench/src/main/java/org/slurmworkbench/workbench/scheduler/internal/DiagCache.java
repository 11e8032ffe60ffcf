package org.slurmworkbench.workbench.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.ClusterStatus;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.cluster.SlurmErrors;
import org.slurmworkbench.workbench.cluster.UnknownClusterException;
import org.slurmworkbench.workbench.scheduler.SchedulerReading;
import org.slurmworkbench.workbench.scheduler.SchedulerReadings;
import org.slurmworkbench.workbench.shared.RenewingCache;
import org.slurmworkbench.workbench.shared.RenewingCache.Policy;
import org.slurmworkbench.workbench.shared.RenewingCache.Read;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@link SchedulerReadings} of this instance: one {@code /diag} read per cluster in flight, as the service user;
 * a reading younger than {@code ttl} is served as is, an older one waits at most {@code max-wait} for its renewal,
 * then the last one is served (marked stale once a renewal failed).
 */
@Component
class DiagCache implements SchedulerReadings, DisposableBean {

    private final Clusters clusters;
    private final Duration ttl;
    private final Duration maxWait;
    private final RenewingCache<String, SchedulerReading> readings;
    /** When each cluster was last read, successfully or not: during an outage a read is tried once per ttl. */
    private final Map<String, Instant> attempted = new ConcurrentHashMap<>();
    private final Policy<SchedulerReading> policy;

    DiagCache(Clusters clusters, @Value("${workbench.scheduler.ttl:5s}") Duration ttl,
              @Value("${workbench.scheduler.max-wait:3s}") Duration maxWait) {
        this.clusters = clusters;
        this.ttl = ttl;
        this.maxWait = maxWait;
        this.readings = new RenewingCache<>("diag-read", RenewingCache.inMemory(), this::read);
        this.policy = new Policy<>(r -> triedWithinTtl(r.cluster()), r -> false, maxWait);
    }

    @Override
    public SchedulerReading reading(String cluster) {
        if (!clusters.names().contains(cluster)) {
            throw new UnknownClusterException(cluster);
        }
        return switch (readings.read(cluster, policy)) {
            case Read.Fresh<SchedulerReading>(SchedulerReading r) -> r;
            case Read.Stale<SchedulerReading>(SchedulerReading r) -> r;
            case Read.Renewed<SchedulerReading>(SchedulerReading r) -> r;
            case Read.TimedOut<SchedulerReading>(SchedulerReading known, boolean interrupted) -> known != null ? known
                    : new SchedulerReading(cluster, null, true, interrupted ? "interrupted"
                    : "no answer from slurmrestd within " + maxWait.toSeconds() + " s yet", null, null, null);
            case Read.Failed<SchedulerReading> f -> failed(cluster, f.cause());
        };
    }

    @Override
    public SchedulerReading last(String cluster) {
        return readings.last(cluster);
    }

    private boolean triedWithinTtl(String cluster) {
        Instant tried = attempted.get(cluster);
        return tried != null && tried.plus(ttl).isAfter(Instant.now());
    }

    private SchedulerReading read(String cluster, SchedulerReading before) {
        attempted.put(cluster, Instant.now());
        try {
            ClusterStatus status = clusters.status(cluster);
            Diag diag = clusters.asServiceUser(cluster).diag();
            return new SchedulerReading(cluster, Instant.now(), false, null, status.release(), status.apiVersion(), diag);
        } catch (RuntimeException e) {
            return stale(cluster, before, e);
        }
    }

    /** A read failed unexpectedly (an error, not an exception): kept as stale, like a failed read. */
    private SchedulerReading failed(String cluster, Throwable e) {
        SchedulerReading stale = stale(cluster, readings.last(cluster), e);
        readings.put(cluster, stale);
        return stale;
    }

    /** The last good reading marked stale with the reason (or none): an outage shows, it does not throw. */
    private static SchedulerReading stale(String cluster, SchedulerReading before, Throwable e) {
        String error = e instanceof SlurmException s ? SlurmErrors.describe(s) : "read failed: " + e.getClass().getSimpleName();
        return before == null
                ? new SchedulerReading(cluster, null, true, error, null, null, null)
                : new SchedulerReading(cluster, before.fetchedAt(), true, error, before.release(), before.apiVersion(),
                before.diag());
    }

    @Override
    public void destroy() {
        readings.close();
    }
}
