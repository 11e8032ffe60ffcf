package org.slurmworkbench.workbench.cluster.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.JobsSnapshot;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The {@link ClusterJobs} of this instance; the write counter of {@link ClusterRegistry} says when to re-read. */
@Component
class JobSnapshotCache implements ClusterJobs, DisposableBean {

    private record Snapshot(List<Job> jobs, Instant lastUpdate, long readAtNanos, long writes) {
    }

    private final ClusterRegistry registry;
    private final long maxAgeNanos;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Snapshot>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService reads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jobs-read-", 0).factory());

    JobSnapshotCache(ClusterRegistry registry, @Value("${workbench.cluster-jobs.max-age:2s}") Duration maxAge) {
        this.registry = registry;
        this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public List<Job> jobs(String cluster) {
        registry.connection(cluster); // unknown cluster: 404 before anything else
        Snapshot s = snapshots.get(cluster);
        if (s != null && System.nanoTime() - s.readAtNanos() < maxAgeNanos && s.writes() == registry.writes(cluster)) {
            return s.jobs();
        }
        try {
            return read(cluster).join().jobs();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public List<Job> jobsOrLast(String cluster, Duration maxStale) {
        registry.connection(cluster);
        Snapshot s = snapshots.get(cluster);
        if (s != null && s.writes() == registry.writes(cluster) && System.nanoTime() - s.readAtNanos() < maxStale.toNanos()) {
            if (System.nanoTime() - s.readAtNanos() >= maxAgeNanos) {
                read(cluster); // renewed in the background; its failure reaches the next reader that waits
            }
            return s.jobs();
        }
        return jobs(cluster);
    }

    /** The one read of this cluster in flight, started if there is none. */
    private CompletableFuture<Snapshot> read(String cluster) {
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> running = inFlight.putIfAbsent(cluster, mine);
        if (running != null) {
            return running;
        }
        reads.execute(() -> {
            try {
                long writes = registry.writes(cluster);
                Snapshot before = snapshots.get(cluster);
                JobsSnapshot answer = registry.asServiceUser(cluster).jobs(before == null ? null : before.lastUpdate());
                Snapshot now = answer.notModified() && before != null
                        ? new Snapshot(before.jobs(), before.lastUpdate(), System.nanoTime(), writes)
                        : new Snapshot(List.copyOf(answer.jobs()), answer.lastUpdate(), System.nanoTime(), writes);
                snapshots.put(cluster, now);
                mine.complete(now);
            } catch (Throwable t) {
                mine.completeExceptionally(t);
            } finally {
                inFlight.remove(cluster, mine);
            }
        });
        return mine;
    }

    @Override
    public void destroy() {
        reads.shutdownNow();
    }
}
