package org.slurmworkbench.workbench.dashboard.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.dashboard.Overviews;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Dashboard", description = "Live state of a cluster, as sinfo, squeue -r and scontrol show it")
class OverviewController {

    private final Overviews overviews;

    OverviewController(Overviews overviews) {
        this.overviews = overviews;
    }

    @GetMapping("/api/v1/clusters/{cluster}/overview")
    @Operation(summary = "A cluster's nodes by state, CPUs, GPUs, memory, jobs (pending by reason, array tasks counted "
            + "one by one), partitions, top users and accounts, and the node grid",
            description = "Shared by all viewers and renewed every few seconds. When slurmrestd cannot be reached the "
                    + "answer is still 200: the last known overview with stale=true, its ageSeconds and the error "
                    + "(or, if there was never one, stale=true without fetchedAt).")
    Overview overview(@PathVariable String cluster) {
        return overviews.overview(cluster);
    }
}
