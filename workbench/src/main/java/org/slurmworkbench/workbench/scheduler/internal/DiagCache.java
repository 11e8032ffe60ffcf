package org.slurmworkbench.workbench.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.ClusterStatus;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.cluster.SlurmErrors;
import org.slurmworkbench.workbench.cluster.UnknownClusterException;
import org.slurmworkbench.workbench.scheduler.SchedulerReading;
import org.slurmworkbench.workbench.scheduler.SchedulerReadings;
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
    private final Map<String, SchedulerReading> last = new ConcurrentHashMap<>();
    /** When each cluster was last read, successfully or not: during an outage a read is tried once per ttl. */
    private final Map<String, Instant> attempted = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<SchedulerReading>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService reads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("diag-read-", 0).factory());

    DiagCache(Clusters clusters, @Value("${workbench.scheduler.ttl:5s}") Duration ttl,
              @Value("${workbench.scheduler.max-wait:3s}") Duration maxWait) {
        this.clusters = clusters;
        this.ttl = ttl;
        this.maxWait = maxWait;
    }

    @Override
    public SchedulerReading reading(String cluster) {
        if (!clusters.names().contains(cluster)) {
            throw new UnknownClusterException(cluster);
        }
        SchedulerReading known = last.get(cluster);
        Instant tried = attempted.get(cluster);
        if (known != null && tried != null && tried.plus(ttl).isAfter(Instant.now())) {
            return known;
        }
        CompletableFuture<SchedulerReading> renewal = read(cluster);
        try {
            return renewal.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return known != null ? known : new SchedulerReading(cluster, null, true,
                    "no answer from slurmrestd within " + maxWait.toSeconds() + " s yet", null, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return known != null ? known : new SchedulerReading(cluster, null, true, "interrupted", null, null, null);
        } catch (ExecutionException e) {
            return failed(cluster, e.getCause());
        }
    }

    private CompletableFuture<SchedulerReading> read(String cluster) {
        CompletableFuture<SchedulerReading> mine = new CompletableFuture<>();
        CompletableFuture<SchedulerReading> running = inFlight.putIfAbsent(cluster, mine);
        if (running != null) {
            return running;
        }
        reads.execute(() -> {
            try {
                attempted.put(cluster, Instant.now());
                ClusterStatus status = clusters.status(cluster);
                Diag diag = clusters.asServiceUser(cluster).diag();
                SchedulerReading fresh = new SchedulerReading(cluster, Instant.now(), false, null, status.release(),
                        status.apiVersion(), diag);
                last.put(cluster, fresh);
                mine.complete(fresh);
            } catch (RuntimeException e) {
                mine.complete(failed(cluster, e));
            } catch (Throwable t) {
                mine.completeExceptionally(t);
            } finally {
                inFlight.remove(cluster, mine);
            }
        });
        return mine;
    }

    /** The last good reading marked stale with the reason (or none): an outage shows, it does not throw. */
    private SchedulerReading failed(String cluster, Throwable e) {
        String error = e instanceof SlurmException s ? SlurmErrors.describe(s) : "read failed: " + e.getClass().getSimpleName();
        SchedulerReading before = last.get(cluster);
        SchedulerReading stale = before == null
                ? new SchedulerReading(cluster, null, true, error, null, null, null)
                : new SchedulerReading(cluster, before.fetchedAt(), true, error, before.release(), before.apiVersion(),
                before.diag());
        last.put(cluster, stale);
        return stale;
    }

    @Override
    public void destroy() {
        reads.shutdownNow();
    }
}
