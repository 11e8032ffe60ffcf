package org.slurmworkbench.workbench.qos.internal;

import java.time.Instant;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.stereotype.Component;

/** The ceiling view of one QOS over a range, from the sampler's rows (never from Slurm). */
@Component
class Ceilings {

    private final Clusters clusters;
    private final CeilingStore store;
    private final QosProperties settings;

    Ceilings(Clusters clusters, CeilingStore store, QosProperties settings) {
        this.clusters = clusters;
        this.store = store;
        this.settings = settings;
    }

    /** @throws org.slurmworkbench.workbench.cluster.UnknownClusterException for a cluster not configured */
    CeilingView view(String cluster, String qos, String from, String to) {
        clusters.status(cluster);
        CeilingView.Range range = CeilingView.Range.parse(from, to, Instant.now());
        long step = range.step(settings.sampleInterval());
        return CeilingView.of(cluster, qos, range, step, store.read(cluster, qos, range.from(), range.to(), step));
    }
}
