package org.slurmworkbench.workbench.scheduler.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slurmworkbench.workbench.scheduler.SchedulerReadings;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Scheduler", description = "What slurmctld's main and backfill schedulers did, as sdiag shows it")
class SchedulerApi {

    private final SchedulerReadings readings;

    SchedulerApi(SchedulerReadings readings) {
        this.readings = readings;
    }

    @GetMapping("/api/v1/clusters/{cluster}/scheduler")
    @Operation(summary = "Main and backfill scheduler cycles, jobs started by each, server threads, agents, RPCs by type "
            + "and (admins only) by user",
            description = "From /diag (sdiag), shared by all viewers and at most a few seconds old. Times in microseconds; "
                    + "counters since statisticsSince. A field the cluster's REST API version does not offer is null and "
                    + "listed in notOffered. When slurmrestd does not answer: 200 with the last reading, stale=true and "
                    + "the error. A bad parameter answers 400 naming it; an unknown cluster 404.")
    SchedulerReport scheduler(@PathVariable String cluster,
                              @Parameter(description = "how many RPC types and users to list; default 15",
                                      schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
                              @RequestParam(required = false) String top) {
        int n = top(top);
        boolean admin = CurrentUser.get().map(WorkbenchUser::isAdmin).orElse(false);
        return SchedulerReport.of(readings.reading(cluster), n, admin);
    }

    static int top(String top) {
        if (top == null || top.isBlank()) {
            return SchedulerReport.DEFAULT_TOP;
        }
        int n;
        try {
            n = Integer.parseInt(top.strip());
        } catch (NumberFormatException e) {
            throw FieldProblems.invalid("top", "must be a whole number from 1 to " + SchedulerReport.MAX_TOP);
        }
        if (n < 1 || n > SchedulerReport.MAX_TOP) {
            throw FieldProblems.invalid("top", "must be from 1 to " + SchedulerReport.MAX_TOP);
        }
        return n;
    }
}
