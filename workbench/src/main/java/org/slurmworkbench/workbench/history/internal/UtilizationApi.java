package org.slurmworkbench.workbench.history.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.cluster.UnknownClusterException;
import org.slurmworkbench.workbench.history.Utilization;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "History", description = "Utilization over time, from the collector's snapshots")
class UtilizationApi {

    private final Clusters clusters;
    private final HistoryStore store;

    UtilizationApi(Clusters clusters, HistoryStore store) {
        this.clusters = clusters;
        this.store = store;
    }

    @GetMapping("/api/v1/clusters/{cluster}/utilization")
    @Operation(summary = "CPUs and GPUs allocated vs total and jobs running/pending over time, for the cluster and per partition",
            description = "Averages per step from 1-minute, 1-hour or 1-day rollups (the coarsest that fits the step). "
                    + "A bad parameter answers 400 naming it.")
    Utilization utilization(@PathVariable String cluster,
                            @Parameter(description = "ISO-8601 instant; default: 24 hours before 'to'") @RequestParam(required = false) String from,
                            @Parameter(description = "ISO-8601 instant; default: now") @RequestParam(required = false) String to,
                            @Parameter(description = "duration, e.g. 60s, 5m, 1h, 1d; default: about 300 points") @RequestParam(required = false) String step) {
        if (!clusters.names().contains(cluster)) {
            throw new UnknownClusterException(cluster);
        }
        UtilizationQuery q = UtilizationQuery.of(from, to, step, Instant.now());
        return store.read(cluster, q.from(), q.to(), q.step());
    }
}
