package org.slurmworkbench.workbench.workload.analysis;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.web.CsvDownload;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.slurmworkbench.workbench.workload.run.Runs;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/workloads")
@Tag(name = "Workload analysis", description = "Wait time, bounded slowdown, utilization, throughput, makespan; A/B comparison")
class AnalysisApi {

    private static final List<String> JOB_COLUMNS = List.of("seq", "slurm_job_id", "user", "cpus", "gpus", "state",
            "submit", "start", "end", "wait_seconds", "run_seconds", "bounded_slowdown");

    private final Runs runs;
    private final RunAnalysis analysis;

    AnalysisApi(Runs runs, RunAnalysis analysis) {
        this.runs = runs;
        this.analysis = analysis;
    }

    @GetMapping("/runs/{id}/analysis")
    @Operation(summary = "A run's metrics, overall, per user and per job-size class, with every job's times",
            description = "From slurmctld while the run goes on, from accounting once it is over.")
    RunAnalysis.Analysis analysis(@PathVariable String id) {
        return analysis.analyse(runs.get(CurrentUser.require(), id));
    }

    @GetMapping("/runs/{id}/analysis.csv")
    @Operation(summary = "The analysis as CSV: every job's times (part=jobs, default) or every metric (part=metrics)")
    void csv(@PathVariable String id, @RequestParam(defaultValue = "jobs") String part, HttpServletResponse response)
            throws IOException {
        if (!part.equals("jobs") && !part.equals("metrics")) {
            throw FieldProblems.invalid("part", "must be jobs or metrics");
        }
        RunAnalysis.Analysis a = analysis.analyse(runs.get(CurrentUser.require(), id));
        String file = "jasmine-" + id + "-" + part + ".csv";
        List<String> columns = part.equals("jobs") ? JOB_COLUMNS : List.of("group", "metric", "value");
        try (CsvDownload csv = CsvDownload.start(response, file, columns)) {
            if (part.equals("jobs")) {
                for (RunMetrics.JobTimes j : a.metrics().jobs()) {
                    csv.row(j.seq(), j.slurmJobId(), j.user(), j.cpus(), j.gpus(), j.state(), j.submit(), j.start(),
                            j.end(), j.waitSeconds(), j.runSeconds(), j.boundedSlowdown());
                }
            } else {
                printMetrics(csv, "all", RunAnalysis.values(a.metrics().all(), a.metrics().utilization()));
                for (var e : a.metrics().byUser().entrySet()) {
                    printMetrics(csv, "user:" + e.getKey(), RunAnalysis.values(e.getValue(), null));
                }
                for (var e : a.metrics().bySize().entrySet()) {
                    printMetrics(csv, "size:" + e.getKey(), RunAnalysis.values(e.getValue(), null));
                }
            }
        }
    }

    @GetMapping("/compare")
    @Operation(summary = "Two runs side by side: every metric of both and its difference (b - a)")
    RunAnalysis.Comparison compare(@RequestParam String a, @RequestParam String b) {
        return analysis.compare(runs.get(CurrentUser.require(), a), runs.get(CurrentUser.require(), b));
    }

    private static void printMetrics(CsvDownload csv, String group, Map<String, Double> values) {
        for (var e : values.entrySet()) {
            csv.row(group, e.getKey(), e.getValue());
        }
    }
}
