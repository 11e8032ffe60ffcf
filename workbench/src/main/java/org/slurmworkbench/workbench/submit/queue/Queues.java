package org.slurmworkbench.workbench.submit.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.security.AccountAccess;
import org.slurmworkbench.workbench.security.WorkbenchUser;
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

    private final Map<Key, Indexed> indexes = new ConcurrentHashMap<>();
    private final Map<Key, CompletableFuture<Indexed>> building = new ConcurrentHashMap<>();
    private final ExecutorService builds = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("queue-index-", 0).factory());

    Queues(ClusterJobs clusterJobs, AccountAccess access) {
        this.clusterJobs = clusterJobs;
        this.access = access;
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
        Indexed current = indexes.get(key);
        if (current != null && current.source() == jobs) {
            return current.index();
        }
        CompletableFuture<Indexed> mine = new CompletableFuture<>();
        CompletableFuture<Indexed> running = building.putIfAbsent(key, mine);
        CompletableFuture<Indexed> build = running != null ? running : mine;
        if (running == null) {
            builds.execute(() -> {
                try {
                    QueueIndex index = QueueIndex.of(jobs, expand, Instant.now());
                    if (current != null) {
                        current.index().sortedColumns().forEach(index::order); // what viewers sort by, before they ask
                    }
                    Indexed built = new Indexed(jobs, index);
                    indexes.put(key, built);
                    mine.complete(built);
                } catch (Throwable t) {
                    mine.completeExceptionally(t);
                } finally {
                    building.remove(key, mine);
                }
            });
        }
        try {
            if (current == null || jobs.size() < ALWAYS_WAIT_BELOW) {
                return build.join().index();
            }
            Indexed built = build.getNow(null);
            return built != null ? built.index() : current.index();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void destroy() {
        builds.shutdownNow();
    }
}
