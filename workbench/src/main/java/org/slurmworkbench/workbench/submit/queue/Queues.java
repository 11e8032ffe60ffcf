package org.slurmworkbench.workbench.submit.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.security.AccountAccess;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.submit.internal.JobView;
import org.springframework.stereotype.Component;

/**
 * The whole queue of a cluster for one viewer: read from the job list the dashboard shares ({@link ClusterJobs}; no
 * slurmrestd call of its own), indexed once per list and per mode (records or tasks), filtered to the jobs the viewer
 * may see, sorted, one page. Paths stay with each job's owner and admins.
 */
@Component
class Queues {

    private record Key(String cluster, boolean expand) {
    }

    private record Indexed(List<Job> source, QueueIndex index) {
    }

    private final ClusterJobs clusterJobs;
    private final AccountAccess access;
    private final Map<Key, Indexed> indexes = new ConcurrentHashMap<>();

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

    /** The index of the cluster's current job list, built by the first viewer who needs it while the others wait. */
    private QueueIndex index(String cluster, boolean expand) {
        List<Job> jobs = clusterJobs.jobs(cluster);
        Indexed current = indexes.get(new Key(cluster, expand));
        if (current != null && current.source() == jobs) {
            return current.index();
        }
        return indexes.compute(new Key(cluster, expand), (k, old) -> old != null && old.source() == jobs ? old
                : new Indexed(jobs, QueueIndex.of(jobs, expand, Instant.now()))).index();
    }
}
