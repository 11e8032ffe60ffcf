package org.slurmworkbench.workbench.submit.queue;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.AccountAccess;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.submit.internal.JobRef;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The whole queue ({@code /jobs}, its table reloaded every few seconds by htmx) and the header's job search, which
 * jumps to a job's page from any page.
 */
@Controller
class QueuePages {

    private final Clusters clusters;
    private final ClusterJobs clusterJobs;
    private final AccountAccess access;
    private final Queues queues;

    QueuePages(Clusters clusters, ClusterJobs clusterJobs, AccountAccess access, Queues queues) {
        this.clusters = clusters;
        this.clusterJobs = clusterJobs;
        this.access = access;
        this.queues = queues;
    }

    @GetMapping("/jobs")
    String page(QueueParams params, Model model) {
        model.addAttribute("nav", "queue");
        model.addAttribute("clusterNames", clusters.reachable());
        table(params, model);
        return "submit/queue";
    }

    @GetMapping("/jobs/table")
    String table(QueueParams params, Model model) {
        QueueQuery q = params.query();
        String cluster = clusters.chosen(params.cluster());
        model.addAttribute("cluster", cluster);
        model.addAttribute("params", params);
        model.addAttribute("queue", cluster == null ? null : queues.page(cluster, CurrentUser.require(), q));
        return "submit/queue :: queue";
    }

    /**
     * The header's search: a job id as Slurm writes it, on the first cluster whose live queue holds it for this viewer,
     * the page's own cluster first (else that or the first reachable one, whose job page also finds ended jobs). A bad
     * id shows the queue page with the reason, as a 400.
     */
    @GetMapping("/jobs/find")
    String find(@RequestParam(required = false) String id, @RequestParam(required = false) String cluster, Model model,
                HttpServletResponse response) {
        JobRef ref;
        try {
            ref = JobRef.parse(id);
        } catch (ErrorResponseException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("findError", id == null ? "" : id);
            return page(new QueueParams(cluster, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null), model);
        }
        WorkbenchUser me = CurrentUser.require();
        // ids repeat across clusters: the page's own cluster first, then the others in configuration order
        String named = cluster != null && clusters.names().contains(cluster) ? cluster : null;
        String where = java.util.stream.Stream.concat(java.util.stream.Stream.ofNullable(named), clusters.reachable().stream())
                .filter(c -> holds(c, me, ref.jobId())).findFirst().orElseGet(() -> clusters.chosen(named));
        return where == null ? "redirect:/jobs" : "redirect:/submit/jobs/" + where + "/" + ref;
    }

    private boolean holds(String cluster, WorkbenchUser me, long jobId) {
        List<Job> jobs;
        try {
            jobs = clusterJobs.jobs(cluster);
        } catch (RuntimeException e) {
            return false; // a cluster that stopped answering since it was probed: look on the next
        }
        return jobs.stream().anyMatch(j -> (j.jobId() == jobId || j.isArray() && j.arrayJobId() == jobId
                || j.hetJobId() != null && j.hetJobId() == jobId) && access.maySee(cluster, me, j.user(), j.account()));
    }
}
