package org.slurmworkbench.workbench.workload.internal;

import java.util.Locale;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.submit.SubmitTestUsers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Workloads · Jasmine": the run list with a create form (admins), a run's page with its progress bar (reloaded by
 * htmx) and its pause, resume and cancel buttons (forms with CSRF tokens), the analysis page and the comparison.
 */
@Controller
class WorkloadPages {

    private final Runs runs;
    private final PlanSources sources;
    private final RunAnalysis analysis;
    private final RunCharts charts;
    private final Clusters clusters;
    private final SubmitTestUsers testUsers;

    WorkloadPages(Runs runs, PlanSources sources, RunAnalysis analysis, RunCharts charts, Clusters clusters,
                  SubmitTestUsers testUsers) {
        this.runs = runs;
        this.sources = sources;
        this.analysis = analysis;
        this.charts = charts;
        this.clusters = clusters;
        this.testUsers = testUsers;
    }

    @GetMapping("/workloads")
    String list(Model model) {
        model.addAttribute("nav", "workloads");
        model.addAttribute("runs", runs.list());
        model.addAttribute("clusterNames", clusters.names());
        model.addAttribute("testUsers", testUsers.testUsers());
        model.addAttribute("presets", java.util.List.of(Presets.STRESS, Presets.MIXED, Presets.FILL));
        return "workload/runs";
    }

    /**
     * Creates a run from a preset sized to the cluster; {@code jobs} makes it smaller or larger, its arrival window
     * scaled alike so the arrival rate stays the preset's. The run page then offers to start it.
     */
    @PostMapping("/workloads/runs")
    String create(@RequestParam String cluster, @RequestParam String preset, @RequestParam(required = false) Integer jobs,
                  @RequestParam(required = false) Integer concurrency, @RequestParam(required = false) Integer rateLimit) {
        WorkbenchUser me = CurrentUser.require();
        Runs.requireAdmin(me);
        if (!clusters.names().contains(cluster)) {
            throw RunProblems.invalid("cluster", "is not a configured cluster");
        }
        WorkloadParameters p = Presets.of(sources.capacity(cluster), sources.testUsers()).stream()
                .filter(x -> x.id().equals(preset)).findFirst()
                .orElseThrow(() -> RunProblems.invalid("preset", "is not a preset")).parameters();
        if (jobs != null && jobs > 0) {
            long window = Math.max(1, (long) Math.ceil(p.windowSeconds() * (double) jobs / p.jobs()));
            p = new WorkloadParameters(p.users(), window, jobs, p.cpusPerJob(), p.nodesPerJob(), p.runSeconds(),
                    p.arrival(), p.gpu(), p.partitions(), p.qos(), p.accounts(), p.timeLimitFactor(), p.packArrays(),
                    p.seed());
        }
        Run run = runs.create(me, new RunRequest(cluster, concurrency, rateLimit, false, "preset:" + preset, null, p, null));
        return "redirect:/workloads/runs/" + run.id();
    }

    /** The run table alone, which the list reloads every few seconds. */
    @GetMapping("/workloads/fragments/runs")
    String runsFragment(Model model) {
        model.addAttribute("runs", runs.list());
        return "workload/runs :: runs";
    }

    @GetMapping("/workloads/runs/{id}")
    String run(@PathVariable String id, Model model) {
        model.addAttribute("nav", "workloads");
        model.addAttribute("v", runs.view(id));
        return "workload/run";
    }

    /** The progress card alone, which the run page reloads every two seconds until the run is over. */
    @GetMapping("/workloads/runs/{id}/progress")
    String progress(@PathVariable String id, Model model) {
        model.addAttribute("v", runs.view(id));
        return "workload/run :: progress";
    }

    @PostMapping("/workloads/runs/{id}/{action:start|pause|resume|cancel}")
    String act(@PathVariable String id, @PathVariable String action,
               @RequestParam(defaultValue = "false") boolean scancel) {
        WorkbenchUser me = CurrentUser.require();
        switch (action) {
            case "start" -> runs.start(me, id);
            case "pause" -> runs.pause(me, id);
            case "resume" -> runs.resume(me, id);
            default -> runs.cancel(me, id, scancel);
        }
        return "redirect:/workloads/runs/" + id;
    }

    @GetMapping("/workloads/runs/{id}/analysis")
    String analysis(@PathVariable String id, Model model, Locale locale) {
        RunAnalysis.Analysis a = analysis.analyse(runs.get(id));
        model.addAttribute("nav", "workloads");
        model.addAttribute("a", a);
        model.addAttribute("chart", charts.utilization(a.metrics().utilization(), locale));
        return "workload/analysis";
    }

    @GetMapping("/workloads/compare")
    String compare(@RequestParam String a, @RequestParam String b, Model model, Locale locale) {
        RunAnalysis.Comparison c = analysis.compare(runs.get(a), runs.get(b));
        model.addAttribute("nav", "workloads");
        model.addAttribute("c", c);
        model.addAttribute("chart", charts.overlay(c.a().metrics().utilization(), a, c.b().metrics().utilization(), b, locale));
        return "workload/compare";
    }
}
