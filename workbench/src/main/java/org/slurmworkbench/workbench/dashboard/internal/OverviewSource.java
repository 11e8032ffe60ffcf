package org.slurmworkbench.workbench.dashboard.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.slurm.Reservation;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One live read of a cluster: nodes, partitions, reservations and jobs in parallel, as the service user, into an overview. Jobs
 * come from the instance's shared {@link ClusterJobs} list (so job pages and the dashboard share one read).
 */
@Component
class OverviewSource implements DisposableBean {

    private final Clusters clusters;
    private final ClusterJobs clusterJobs;
    private final ExecutorService reads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("overview-read-", 0).factory());

    OverviewSource(Clusters clusters, ClusterJobs clusterJobs) {
        this.clusters = clusters;
        this.clusterJobs = clusterJobs;
    }

    /** @throws org.slurmworkbench.slurm.SlurmException when slurmrestd cannot be reached or refuses */
    Overview fetch(String cluster) {
        SlurmApi api = clusters.asServiceUser(cluster);
        Instant started = Instant.now();
        CompletableFuture<List<Node>> nodes = CompletableFuture.supplyAsync(api::nodes, reads);
        CompletableFuture<List<Partition>> partitions = CompletableFuture.supplyAsync(api::partitions, reads);
        CompletableFuture<List<Job>> jobs = CompletableFuture.supplyAsync(() -> clusterJobs.jobs(cluster), reads);
        // marks on the grid only: a failed read of them leaves the marks out, never the overview
        CompletableFuture<List<Reservation>> reservations = CompletableFuture.supplyAsync(api::reservations, reads)
                .exceptionally(e -> List.of());
        try {
            return OverviewBuilder.build(cluster, started, nodes.join(), partitions.join(), jobs.join(), reservations.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void destroy() {
        reads.shutdownNow();
    }
}
