package org.slurmworkbench.workbench.gauges.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.dashboard.Overview.NodeCell;
import org.slurmworkbench.workbench.dashboard.Overview.PartitionSummary;
import org.slurmworkbench.workbench.dashboard.Overview.Resources;
import org.slurmworkbench.workbench.dashboard.Overviews;
import org.slurmworkbench.workbench.gauges.internal.LabelBounds.Usage;
import org.slurmworkbench.workbench.scheduler.SchedulerReading;
import org.slurmworkbench.workbench.scheduler.SchedulerReadings;
import org.slurmworkbench.workbench.shared.RenewingCache;
import org.slurmworkbench.workbench.shared.RenewingCache.Policy;
import org.slurmworkbench.workbench.shared.RenewingCache.Read;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The gauges of every cluster, from the shared snapshots only: the dashboard's overview (nodes, partitions; renewed in
 * the background at most once per {@code workbench.dashboard.ttl}, as for any viewer), the job list that overview's
 * renewal read ({@link ClusterJobs#lastRead}) and the scheduler's last {@code /diag} reading (renewed by the history
 * collector). The job list is counted once per new list (by identity), in the background: a scrape meanwhile gets the
 * counts of the list before, so it costs the same at 100 jobs and 100,000.
 */
@Component
@EnableConfigurationProperties(GaugesProperties.class)
class ClusterGauges implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterGauges.class);
    private static final double MIB = 1024.0 * 1024.0;

    private final Clusters clusters;
    private final Overviews overviews;
    private final ClusterJobs clusterJobs;
    private final SchedulerReadings schedulers;
    private final int top;
    /** The last list counted per cluster, by identity. */
    private final RenewingCache<String, Counted> counts;

    private record Counted(List<Job> jobs, JobCounts counts) {
    }

    ClusterGauges(Clusters clusters, Overviews overviews, ClusterJobs clusterJobs, SchedulerReadings schedulers,
                  GaugesProperties settings) {
        this.clusters = clusters;
        this.overviews = overviews;
        this.clusterJobs = clusterJobs;
        this.schedulers = schedulers;
        this.top = settings.top();
        this.counts = new RenewingCache<>("gauge-counts", RenewingCache.inMemory(), this::count);
    }

    /** The exposition text of all clusters. */
    String scrape() {
        Exposition out = declare(new Exposition());
        Instant now = Instant.now();
        for (String cluster : clusters.names()) {
            add(out, cluster, now); // the shared snapshots never throw for an unreachable cluster
        }
        return out.text();
    }

    static Exposition declare(Exposition out) {
        return out
                .gauge("slurm_up", "1 when the cluster's overview is current, 0 when slurmrestd did not answer its last renewal")
                .gauge("slurm_snapshot_age_seconds", "Age of the shared snapshot the gauges come from (source: overview, scheduler)")
                .gauge("slurm_nodes", "Nodes by state, as sinfo -o %T names it")
                .gauge("slurm_partition_nodes", "Nodes in the partition")
                .gauge("slurm_partition_cpus_total", "CPUs of the partition's nodes")
                .gauge("slurm_partition_cpus_allocated", "CPUs allocated to jobs (sinfo %C: A)")
                .gauge("slurm_partition_cpus_idle", "CPUs idle (sinfo %C: I)")
                .gauge("slurm_partition_cpus_other", "CPUs neither allocated nor usable: the idle part of down, drained or draining nodes (sinfo %C: O)")
                .gauge("slurm_partition_gpus_total", "GPUs of the partition's nodes")
                .gauge("slurm_partition_gpus_allocated", "GPUs allocated to jobs")
                .gauge("slurm_partition_memory_total_bytes", "Memory configured on the partition's nodes (RealMemory)")
                .gauge("slurm_partition_memory_allocated_bytes", "Memory allocated to jobs on the partition's nodes")
                .gauge("slurm_partition_jobs", "Jobs by state, as squeue -r counts them (array tasks one by one)")
                .gauge("slurm_jobs_pending", "Pending jobs by reason (array tasks one by one)")
                .gauge("slurm_user_running_cpus", "CPUs of running jobs, the top users by them; the rest summed as user=\"other\"")
                .gauge("slurm_user_running_gpus", "GPUs of running jobs of the same users")
                .gauge("slurm_account_running_cpus", "CPUs of running jobs, the top accounts by them; the rest summed as account=\"other\"")
                .gauge("slurm_account_running_gpus", "GPUs of running jobs of the same accounts")
                .gauge("slurm_scheduler_cycle_last_seconds", "Duration of the scheduler's last cycle (sdiag)")
                .gauge("slurm_scheduler_cycle_mean_seconds", "Mean duration of the scheduler's cycles since the statistics were reset")
                .gauge("slurm_scheduler_cycle_max_seconds", "Longest cycle since the statistics were reset")
                .gauge("slurm_scheduler_cycles", "Cycles since the statistics were reset (midnight or a slurmctld restart)");
    }

    private void add(Exposition out, String cluster, Instant now) {
        Overview o = overviews.overview(cluster);
        out.add("slurm_up", o.hasData() && !o.stale() ? 1 : 0, "cluster", cluster);
        if (o.hasData()) {
            out.add("slurm_snapshot_age_seconds", Duration.between(o.fetchedAt(), now).toMillis() / 1000.0,
                    "cluster", cluster, "source", "overview");
            nodes(out, cluster, o);
            try {
                jobs(out, cluster, counts(cluster));
            } catch (RuntimeException e) {
                log.debug("Job gauges of {} left out of a scrape", cluster, e);
            }
        }
        SchedulerReading r = schedulers.last(cluster);
        if (r == null) {
            r = schedulers.reading(cluster); // the first scrape after a start, before the history collector read
        }
        if (r.hasData()) {
            out.add("slurm_snapshot_age_seconds", Duration.between(r.fetchedAt(), now).toMillis() / 1000.0,
                    "cluster", cluster, "source", "scheduler");
            scheduler(out, cluster, r.diag());
        }
    }

    /**
     * The counts of the cluster's current job list; while a new list is counted (in the background, once per list),
     * those of the list before, so no scrape waits for a count.
     */
    private JobCounts counts(String cluster) {
        List<Job> jobs = clusterJobs.lastRead(cluster);
        return switch (counts.read(cluster, new Policy<>(c -> c.jobs() == jobs, c -> true, null))) {
            case Read.Fresh<Counted>(Counted c) -> c.counts();
            case Read.Stale<Counted>(Counted c) -> c.counts();
            case Read.Renewed<Counted>(Counted c) -> c.counts();
            case Read.Failed<Counted> f -> throw f.rethrow();
            case Read.TimedOut<Counted> t -> throw new IllegalStateException("no wait limit, no time-out");
        };
    }

    private Counted count(String cluster, Counted before) {
        List<Job> jobs = clusterJobs.lastRead(cluster);
        if (jobs == null) {
            // another instance renewed the shared overview: this one reads the job list once, then keeps it
            jobs = clusterJobs.jobsOrLast(cluster, Duration.ofMinutes(1));
        }
        return new Counted(jobs, JobCounts.of(jobs, top));
    }

    static void nodes(Exposition out, String cluster, Overview o) {
        o.nodeStates().forEach((state, n) -> out.add("slurm_nodes", n, "cluster", cluster, "state", state));
        for (PartitionSummary p : o.partitions()) {
            String[] l = {"cluster", cluster, "partition", p.name()};
            Resources c = p.cpus();
            out.add("slurm_partition_nodes", p.nodes(), l);
            out.add("slurm_partition_cpus_total", c.total(), l);
            out.add("slurm_partition_cpus_allocated", c.allocated(), l);
            out.add("slurm_partition_cpus_idle", c.idle(), l);
            out.add("slurm_partition_cpus_other", c.unavailable(), l);
            out.add("slurm_partition_gpus_total", p.gpus().total(), l);
            out.add("slurm_partition_gpus_allocated", p.gpus().allocated(), l);
            long memory = 0;
            long allocated = 0;
            for (NodeCell n : o.nodes()) {
                if (n.partitions().contains(p.name())) {
                    memory += n.memoryMb();
                    allocated += n.allocatedMemoryMb();
                }
            }
            out.add("slurm_partition_memory_total_bytes", memory * MIB, l);
            out.add("slurm_partition_memory_allocated_bytes", allocated * MIB, l);
        }
    }

    static void jobs(Exposition out, String cluster, JobCounts counts) {
        counts.byPartitionAndState().forEach((partition, states) -> states.forEach((state, n) ->
                out.add("slurm_partition_jobs", n, "cluster", cluster, "partition", partition, "state", state)));
        counts.pendingByReason().forEach((reason, n) -> out.add("slurm_jobs_pending", n, "cluster", cluster, "reason", reason));
        for (Map.Entry<String, Usage> e : counts.users().entrySet()) {
            out.add("slurm_user_running_cpus", e.getValue().cpus(), "cluster", cluster, "user", e.getKey());
            out.add("slurm_user_running_gpus", e.getValue().gpus(), "cluster", cluster, "user", e.getKey());
        }
        for (Map.Entry<String, Usage> e : counts.accounts().entrySet()) {
            out.add("slurm_account_running_cpus", e.getValue().cpus(), "cluster", cluster, "account", e.getKey());
            out.add("slurm_account_running_gpus", e.getValue().gpus(), "cluster", cluster, "account", e.getKey());
        }
    }

    static void scheduler(Exposition out, String cluster, Diag d) {
        String[] main = {"cluster", cluster, "scheduler", "main"};
        String[] bf = {"cluster", cluster, "scheduler", "backfill"};
        out.add("slurm_scheduler_cycle_last_seconds", d.scheduleCycleLastMicros() / 1e6, main);
        out.add("slurm_scheduler_cycle_last_seconds", d.backfillCycleLastMicros() / 1e6, bf);
        out.add("slurm_scheduler_cycle_mean_seconds", d.scheduleCycleMeanMicros() / 1e6, main);
        out.add("slurm_scheduler_cycle_mean_seconds", d.backfillCycleMeanMicros() / 1e6, bf);
        out.add("slurm_scheduler_cycle_max_seconds", d.scheduleCycleMaxMicros() / 1e6, main);
        if (d.backfill() != null && d.backfill().cycleMaxMicros() != null) {
            out.add("slurm_scheduler_cycle_max_seconds", d.backfill().cycleMaxMicros() / 1e6, bf);
        }
        out.add("slurm_scheduler_cycles", d.scheduleCycleCount(), main);
        out.add("slurm_scheduler_cycles", d.backfillCycleCount(), bf);
    }

    @Override
    public void destroy() {
        counts.close();
    }
}
