package org.slurmworkbench.workbench.qos.internal;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.dashboard.Overviews;
import org.slurmworkbench.workbench.lease.Leases;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code workbench.qos.sample-interval} (Spring's scheduler, as the accounting sync), records each QOS of each
 * reachable cluster: its use against its GPU and CPU ceilings, the jobs pending on QOS limits, and the cluster's idle
 * GPUs (from the dashboard's shared overview, so no extra node reads; it may be up to
 * {@code workbench.dashboard.ttl} older than the jobs). With several workbench instances only the holder of the
 * {@code qos-sampler} lease samples; an unreachable cluster is a gap, not zeros.
 */
@Component
class CeilingSampler {

    private static final Logger log = LoggerFactory.getLogger(CeilingSampler.class);

    private final Clusters clusters;
    private final QosReader reader;
    private final Overviews overviews;
    private final CeilingStore store;
    private final Leases leases;
    private final QosProperties settings;

    CeilingSampler(Clusters clusters, QosReader reader, Overviews overviews, CeilingStore store,
                   Leases leases, QosProperties settings) {
        this.clusters = clusters;
        this.reader = reader;
        this.overviews = overviews;
        this.store = store;
        this.leases = leases;
        this.settings = settings;
    }

    @Scheduled(initialDelayString = "5s", fixedDelayString = "${workbench.qos.sample-interval:60s}")
    void scheduled() {
        if (settings.sampling()) {
            sampleAll();
        }
    }

    /** One round over the clusters, if this instance holds the lease; answers how many samples it recorded. */
    int sampleAll() {
        if (!leases.hold("qos-sampler", settings.sampleInterval().multipliedBy(2).plusSeconds(10))) {
            return 0;
        }
        int recorded = 0;
        Instant now = Instant.now();
        for (String cluster : clusters.names()) {
            try {
                if (clusters.status(cluster).reachable()) {
                    recorded += sample(cluster, now);
                }
            } catch (RuntimeException e) {
                log.warn("Sampling the QOS of {} failed: {}", cluster, e.toString());
            }
        }
        try {
            store.expire(now.minus(settings.keep()));
        } catch (DataAccessException e) {
            log.warn("Expiring old QOS samples failed: {}", e.toString());
        }
        return recorded;
    }

    /** Samples every QOS of one cluster at {@code at}; answers how many samples. */
    int sample(String cluster, Instant at) {
        QosReader.State state = reader.state(cluster);
        Overview o = overviews.overview(cluster);
        long idleGpus = o.hasData() && !o.stale() ? o.gpus().idle() : 0;
        for (Qos q : state.qos()) {
            store.record(CeilingSample.of(cluster, q, state.jobsOf(q.name()), idleGpus, at));
        }
        return state.qos().size();
    }
}
