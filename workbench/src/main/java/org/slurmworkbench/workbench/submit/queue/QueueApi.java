package org.slurmworkbench.workbench.submit.queue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Queue", description = "Every job of a cluster the caller may see, as squeue lists them")
class QueueApi {

    private final Queues queues;

    QueueApi(Queues queues) {
        this.queues = queues;
    }

    @GetMapping("/api/v1/clusters/{cluster}/queue")
    @Operation(summary = "The queue: filtered, sorted, one page",
            description = "Read from the job list the workbench shares (at most a few seconds old, see `asOf`), never a "
                    + "slurmrestd call per request. Filters (comma-separated lists as squeue takes them): user, account, "
                    + "partition, qos, state (Slurm state names or `all`; by default jobs that have not ended), node; "
                    + "reason (exact), name (a prefix), array (an array's job id). `sort`: id, name, user, account, "
                    + "partition, qos, state, reason, priority (default), submit, start, time-left, time-limit, nodes, "
                    + "cpus; `dir` asc or desc (default). `size` 1-500 (default 50), `page` from 1; `total` counts every "
                    + "match. `expand=true` lists a pending array's tasks one by one (squeue -r). Who sees what: admins "
                    + "all, others as the cluster's `visible-jobs` says; paths only to a job's owner and admins.")
    QueuePage queue(@PathVariable String cluster, @ParameterObject QueueParams params) {
        return queues.page(cluster, CurrentUser.require(), params.query());
    }
}
