package org.slurmworkbench.workbench.cluster.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.JobsSnapshot;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.shared.RenewingCache;
import org.slurmworkbench.workbench.shared.RenewingCache.Policy;
import org.slurmworkbench.workbench.shared.RenewingCache.Read;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The {@link ClusterJobs} of this instance; the write counter of {@link ClusterRegistry} says when to re-read. */
@Component
class JobSnapshotCache implements ClusterJobs, DisposableBean {

    private record Snapshot(List<Job> jobs, Instant lastUpdate, long readAtNanos, long writes) {

        long ageNanos() {
            return System.nanoTime() - readAtNanos;
        }
    }

    private final ClusterRegistry registry;
    private final long maxAgeNanos;
    private final RenewingCache<String, Snapshot> snapshots;
    /** Clusters whose last read failed: an old list is not served as current while Slurm does not answer. */
    private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    JobSnapshotCache(ClusterRegistry registry, @Value("${workbench.cluster-jobs.max-age:2s}") Duration maxAge) {
        this.registry = registry;
        this.maxAgeNanos = maxAge.toNanos();
        this.snapshots = new RenewingCache<>("jobs-read", RenewingCache.inMemory(), this::read);
    }

    @Override
    public List<Job> jobs(String cluster) {
        registry.connection(cluster); // unknown cluster: 404 before anything else
        return jobs(cluster, Policy.waitFor(s -> s.ageNanos() < maxAgeNanos && current(cluster, s)));
    }

    @Override
    public List<Job> jobsOrLast(String cluster, Duration maxStale) {
        registry.connection(cluster);
        // A stale list is renewed in the background; once a read failed, readers wait (and get the failure) until one
        // succeeds, so a page does not show a job as live from a list Slurm can no longer confirm.
        return jobs(cluster, new Policy<>(s -> s.ageNanos() < maxAgeNanos && current(cluster, s),
                s -> current(cluster, s) && s.ageNanos() < maxStale.toNanos() && !failing.contains(cluster), null));
    }

    @Override
    public List<Job> lastRead(String cluster) {
        Snapshot s = snapshots.last(cluster);
        return s == null ? null : s.jobs();
    }

    private List<Job> jobs(String cluster, Policy<Snapshot> policy) {
        return switch (snapshots.read(cluster, policy)) {
            case Read.Fresh<Snapshot>(Snapshot s) -> s.jobs();
            case Read.Stale<Snapshot>(Snapshot s) -> s.jobs();
            case Read.Renewed<Snapshot>(Snapshot s) -> s.jobs();
            case Read.Failed<Snapshot> f -> throw f.rethrow();
            case Read.TimedOut<Snapshot> t -> throw new IllegalStateException("no wait limit, no time-out");
        };
    }

    /** No job write was sent to the cluster since this list was read. */
    private boolean current(String cluster, Snapshot s) {
        return s.writes() == registry.writes(cluster);
    }

    /** One read of the cluster's jobs as the service user; only what changed since the list before. */
    private Snapshot read(String cluster, Snapshot before) {
        long writes = registry.writes(cluster);
        JobsSnapshot answer;
        try {
            answer = registry.asServiceUser(cluster).jobs(before == null ? null : before.lastUpdate());
        } catch (RuntimeException e) {
            failing.add(cluster);
            throw e;
        }
        failing.remove(cluster);
        return answer.notModified() && before != null
                ? new Snapshot(before.jobs(), before.lastUpdate(), System.nanoTime(), writes)
                : new Snapshot(List.copyOf(answer.jobs()), answer.lastUpdate(), System.nanoTime(), writes);
    }

    @Override
    public void destroy() {
        snapshots.close();
    }
}
