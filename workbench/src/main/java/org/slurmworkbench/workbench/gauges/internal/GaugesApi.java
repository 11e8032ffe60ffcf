package org.slurmworkbench.workbench.gauges.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Cluster gauges", description = "Cluster gauges for Prometheus")
class GaugesApi {

    static final MediaType EXPOSITION = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

    private final ClusterGauges gauges;

    GaugesApi(ClusterGauges gauges) {
        this.gauges = gauges;
    }

    @GetMapping("/api/v1/metrics")
    @Operation(summary = "Cluster gauges of every cluster in Prometheus' text format",
            description = "Nodes by state; CPUs, GPUs and memory per partition; jobs by state per partition; pending jobs "
                    + "by reason; running CPUs and GPUs of the top users and accounts (workbench.metrics.top, default 20; "
                    + "the rest as \"other\"); scheduler cycle times. From the shared snapshots only (a few seconds old, "
                    + "see slurm_snapshot_age_seconds): a scrape sends nothing to slurmrestd. Needs the bearer token "
                    + "workbench.metrics.token or an admin; 401 without, 403 for other users.")
    ResponseEntity<String> metrics() {
        return ResponseEntity.ok().contentType(EXPOSITION).body(gauges.scrape());
    }
}
