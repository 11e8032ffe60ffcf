package org.slurmworkbench.workbench.cluster.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.slurmworkbench.workbench.cluster.ClusterStatus;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters")
@Tag(name = "Clusters", description = "The Slurm clusters this workbench talks to")
class ClustersApi {

    private final Clusters clusters;

    ClustersApi(Clusters clusters) {
        this.clusters = clusters;
    }

    @GetMapping
    @Operation(summary = "Every configured cluster with its reachability, Slurm release and the API version in use",
            description = "Reachability is checked with a short timeout and cached for a few seconds.")
    List<ClusterStatus> list() {
        return clusters.statuses();
    }

    @GetMapping("/{cluster}")
    @Operation(summary = "One cluster's reachability, Slurm release and API version")
    ClusterStatus one(@PathVariable String cluster) {
        return clusters.status(cluster);
    }
}
