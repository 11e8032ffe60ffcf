package org.slurmworkbench.workbench.submit.internal;

import java.util.List;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My jobs": the live list (reloaded every few seconds by htmx), a job's page, and cancel/hold/release buttons
 * (POST forms with CSRF). The same ownership rule as the API: another user's job is a 404.
 */
@Controller
class JobPages {

    private final Clusters clusters;
    private final JobActions jobs;

    JobPages(Clusters clusters, JobActions jobs) {
        this.clusters = clusters;
        this.jobs = jobs;
    }

    @GetMapping("/submit/jobs")
    String list(@RequestParam(required = false) String cluster, @RequestParam(required = false) String user,
                @RequestParam(required = false) Integer days, @RequestParam(required = false) String state,
                @RequestParam(required = false) String partition, @RequestParam(required = false) String name,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) String expand, Model model) {
        model.addAttribute("nav", "submit");
        model.addAttribute("clusterNames", clusters.reachable());
        table(cluster, user, days, state, partition, name, page, expand, model);
        return "submit/jobs";
    }

    /** The table alone, which the list page reloads; an admin's or coordinator's {@code user} lists that user's jobs. */
    @GetMapping("/submit/jobs/table")
    String table(@RequestParam(required = false) String cluster, @RequestParam(required = false) String user,
                 @RequestParam(required = false) Integer days, @RequestParam(required = false) String state,
                @RequestParam(required = false) String partition, @RequestParam(required = false) String name,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) String expand, Model model) {
        JobFilter filter = new JobFilter(days, state, partition, name, page, expand);
        String chosen = cluster == null || cluster.isBlank() ? clusters.chosen(null) : cluster;
        List<JobView> all = chosen == null ? List.of()
                : jobs.list(chosen, CurrentUser.require(), user, filter.daysOrDefault());
        model.addAttribute("cluster", chosen);
        model.addAttribute("user", user == null || user.isBlank() ? null : user);
        model.addAttribute("filter", filter);
        model.addAttribute("partitions", all.stream().map(JobView::partition).filter(p -> p != null && !p.isBlank())
                .distinct().sorted().toList());
        model.addAttribute("paged", filter.page(JobGroup.of(all)));
        return "submit/jobs :: jobs";
    }

    @GetMapping("/submit/jobs/{cluster}/{id}")
    String job(@PathVariable String cluster, @PathVariable String id, Model model) {
        model.addAttribute("nav", "submit");
        detail(cluster, id, model);
        // only on the page, not in the detail that reloads itself every few seconds
        model.addAttribute("script", jobs.readableScript(cluster, CurrentUser.require(), JobRef.parse(id)).orElse(null));
        return "submit/job";
    }

    @GetMapping("/submit/jobs/{cluster}/{id}/detail")
    String detail(@PathVariable String cluster, @PathVariable String id, Model model) {
        JobRef ref = JobRef.parse(id);
        List<JobView> records = jobs.views(cluster, CurrentUser.require(), ref);
        model.addAttribute("cluster", cluster);
        model.addAttribute("id", ref.toString());
        model.addAttribute("records", records);
        model.addAttribute("group", JobGroup.of(records).getFirst());
        model.addAttribute("live", records.stream().anyMatch(j -> j.live() && j.active()));
        return "submit/job :: detail";
    }

    @PostMapping("/submit/jobs/{cluster}/{id}/{action:cancel|hold|release}")
    String act(@PathVariable String cluster, @PathVariable String id, @PathVariable String action,
               RedirectAttributes redirect) {
        JobRef ref = JobRef.parse(id);
        try {
            switch (action) {
                case "cancel" -> jobs.cancel(cluster, CurrentUser.require(), ref);
                case "hold" -> jobs.hold(cluster, CurrentUser.require(), ref, true);
                default -> jobs.hold(cluster, CurrentUser.require(), ref, false);
            }
            redirect.addFlashAttribute("done", action);
        } catch (SlurmException e) {
            redirect.addFlashAttribute("slurmError", e.getMessage());
            redirect.addFlashAttribute("slurmErrorNumber", e.errorNumber());
        }
        return "redirect:/submit/jobs/" + cluster + "/" + ref;
    }
}
