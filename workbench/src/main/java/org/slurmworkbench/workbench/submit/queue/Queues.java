package org.slurmworkbench.workbench.submit.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.security.AccountAccess;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.shared.RenewingCache;
import org.slurmworkbench.workbench.shared.RenewingCache.Policy;
import org.slurmworkbench.workbench.shared.RenewingCache.Read;
import org.slurmworkbench.workbench.submit.internal.JobView;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The whole queue of a cluster for one viewer: read from the job list the dashboard shares ({@link ClusterJobs}; no
 * slurmrestd call of its own), indexed once per list and per mode (records or tasks), filtered to the jobs the viewer
 * may see, sorted, one page. Paths stay with each job's owner and admins.
 */
@Component
class Queues implements DisposableBean {

    private record Key(String cluster, boolean expand) {
    }

    private record Indexed(List<Job> source, QueueIndex index) {
    }

    private final ClusterJobs clusterJobs;
    private final AccountAccess access;
    /** Smaller lists build in a few milliseconds: everyone waits for them and sees the newest at once. */
    private static final int ALWAYS_WAIT_BELOW = 20_000;

    private final RenewingCache<Key, Indexed> indexes;

    Queues(ClusterJobs clusterJobs, AccountAccess access) {
        this.clusterJobs = clusterJobs;
        this.access = access;
        // each build indexes the list its first viewer read (see index)
        this.indexes = new RenewingCache<>("queue-index", RenewingCache.inMemory(),
                (key, before) -> build(clusterJobs.jobs(key.cluster()), key.expand(), before));
    }

    QueuePage page(String cluster, WorkbenchUser me, QueueQuery q) {
        QueueIndex index = index(cluster, q.expand());
        BitSet rows = index.select(q, access.jobScope(cluster, me));
        int total = rows.cardinality();
        int pages = Math.max(1, (total + q.size() - 1) / q.size());
        int page = Math.min(q.page(), pages);
        int skip = (page - 1) * q.size();
        int[] order = index.order(q.sort());
        List<QueueRow> out = new ArrayList<>(Math.min(q.size(), total));
        for (int k = 0; k < order.length && out.size() < q.size(); k++) {
            int row = order[q.descending() ? order.length - 1 - k : k];
            if (rows.get(row) && skip-- <= 0) {
                out.add(row(index, row, me));
            }
        }
        return new QueuePage(cluster, index.asOf, total, page, q.size(), pages, q.sort().param(), q.descending() ? "desc" : "asc",
                q.expand(), out);
    }

    private static QueueRow row(QueueIndex index, int row, WorkbenchUser me) {
        Job j = index.job(row);
        JobView view = JobView.of(j, index.asOf);
        view = (index.task(row) >= 0 ? view.task(index.task(row)) : view).seenBy(me);
        long left = index.timeLeftSeconds(row);
        return new QueueRow(view, j.priority(), left == Long.MAX_VALUE ? null : left);
    }

    /**
     * The index of the cluster's current job list. The first viewer of a new list starts its build (one at a time
     * per cluster and mode). On a large list (from {@link #ALWAYS_WAIT_BELOW} jobs) viewers get the index of the list
     * before until it is done (its {@code asOf} says so) rather than all waiting on the rebuild; on a smaller one, and
     * with no index yet, they wait.
     */
    private QueueIndex index(String cluster, boolean expand) {
        List<Job> jobs = clusterJobs.jobs(cluster);
        Key key = new Key(cluster, expand);
        Indexed current = indexes.last(key);
        Duration wait = current == null || jobs.size() < ALWAYS_WAIT_BELOW ? null : Duration.ZERO;
        return switch (indexes.read(key, new Policy<>(i -> i.source() == jobs, i -> false, wait),
                (k, before) -> build(jobs, expand, before))) {
            case Read.Fresh<Indexed>(Indexed i) -> i.index();
            case Read.Stale<Indexed>(Indexed i) -> i.index();
            case Read.Renewed<Indexed>(Indexed i) -> i.index();
            case Read.TimedOut<Indexed>(Indexed known, boolean interrupted) -> known.index();
            case Read.Failed<Indexed> f -> throw f.rethrow();
        };
    }

    /** Indexes a job list, sorted already by what viewers sorted the list before by. */
    private static Indexed build(List<Job> jobs, boolean expand, Indexed before) {
        QueueIndex index = QueueIndex.of(jobs, expand, Instant.now());
        if (before != null) {
            before.index().sortedColumns().forEach(index::order); // what viewers sort by, before they ask
        }
        return new Indexed(jobs, index);
    }

    @Override
    public void destroy() {
        indexes.close();
    }
}
