package org.slurmworkbench.workbench.workload.analysis;

import java.util.Locale;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.workload.run.Runs;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A run's analysis page (its metrics and utilization chart) and the comparison of two runs, for admins and a run's
 * creator, as {@link Runs#get} allows.
 */
@Controller
class AnalysisPages {

    private final Runs runs;
    private final RunAnalysis analysis;
    private final RunCharts charts;
    private final org.springframework.context.MessageSource messages;

    AnalysisPages(Runs runs, RunAnalysis analysis, RunCharts charts, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.runs = runs;
        this.analysis = analysis;
        this.charts = charts;
    }

    @GetMapping("/workloads/runs/{id}/analysis")
    String analysis(@PathVariable String id, Model model, Locale locale) {
        RunAnalysis.Analysis a = analysis.analyse(runs.get(CurrentUser.require(), id));
        model.addAttribute("nav", "workloads");
        model.addAttribute("a", a);
        model.addAttribute("chart", charts.utilization(a.metrics().utilization(), locale));
        return "workload/analysis";
    }

    @GetMapping("/workloads/compare")
    String compare(@RequestParam String a, @RequestParam String b, Model model, Locale locale) {
        var runA = runs.get(CurrentUser.require(), a);
        var runB = runs.get(CurrentUser.require(), b);
        if (a.equals(b)) {
            // as RunAnalysis#compare refuses it, in the page's language
            throw org.slurmworkbench.workbench.web.FieldProblems.invalid("b", messages.getMessage("workload.compare.same",
                    new Object[]{a}, locale));
        }
        RunAnalysis.Comparison c = analysis.compare(runA, runB);
        model.addAttribute("nav", "workloads");
        model.addAttribute("c", c);
        model.addAttribute("chart", charts.overlay(c.a().metrics().utilization(), a, c.b().metrics().utilization(), b, locale));
        return "workload/compare";
    }
}
