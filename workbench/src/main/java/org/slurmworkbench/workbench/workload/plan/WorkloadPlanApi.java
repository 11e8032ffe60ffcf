package org.slurmworkbench.workbench.workload.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.shared.Chart;
import org.slurmworkbench.workbench.shared.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.context.MessageSource;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workload plans before they run: presets sized to a cluster and a preview of generated parameters (summary, charts,
 * first jobs); the SWF preview and download are the {@code swf} package's. Any logged-in user may use it: nothing
 * here reaches Slurm but reads of nodes and partitions.
 */
@RestController
@RequestMapping("/api/v1/workloads")
@Tag(name = "Workload plans", description = "Generate, preview, import (SWF) and export workload plans")
class WorkloadPlanApi {

    private final PlanSources sources;
    private final PreviewCharts charts;
    private final MessageSource messages;

    WorkloadPlanApi(PlanSources sources, PreviewCharts charts, MessageSource messages) {
        this.sources = sources;
        this.charts = charts;
        this.messages = messages;
    }

    record PresetView(String id, String title, String description, WorkloadParameters parameters) {
    }

    record PresetsAnswer(String cluster, Capacity capacity, List<String> users, List<PresetView> presets) {
    }

    /** @param seed the seed the plan was made with (a fresh one when the parameters had none) */
    record PreviewAnswer(long seed, PlanPreview.Summary summary, Map<String, Chart> charts,
                         List<PlannedJob> sample) {
    }

    @GetMapping("/presets")
    @Operation(summary = "Presets sized to the cluster: fill the machine, scheduler stress, mixed HPC/HTC")
    PresetsAnswer presets(@RequestParam String cluster, Locale locale) {
        CurrentUser.require();
        Capacity capacity = sources.capacity(cluster);
        if (sources.testUsers().isEmpty()) {
            throw noTestUsers();
        }
        List<PresetView> presets = Presets.of(capacity, sources.testUsers()).stream()
                .map(p -> new PresetView(p.id(), msg("workload.preset." + p.id(), locale),
                        msg("workload.preset." + p.id() + ".description", locale), p.parameters()))
                .toList();
        return new PresetsAnswer(cluster, capacity, sources.testUsers(), presets);
    }

    @PostMapping(value = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Generate a plan from parameters and preview it: totals, load against capacity, histograms")
    PreviewAnswer preview(@RequestBody PlanRequest request, Locale locale) throws MethodArgumentNotValidException {
        CurrentUser.require();
        String cluster = request.checkedCluster();
        Capacity capacity = sources.capacity(cluster);
        WorkloadGenerator.Generated g = generate(cluster, request.parameters(), capacity);
        PlanPreview preview = PlanPreview.of(g.plan(), capacity, request.parameters().windowSeconds(), g.clampedJobs());
        return new PreviewAnswer(g.plan().seed(), preview.summary(), charts.of(preview, locale),
                PlanPreview.sample(g.plan()));
    }

    private WorkloadGenerator.Generated generate(String cluster, WorkloadParameters p, Capacity capacity)
            throws MethodArgumentNotValidException {
        try {
            return sources.generate(cluster, p, capacity);
        } catch (InvalidWorkloadException e) {
            throw invalid(e.errors());
        }
    }

    private ErrorResponseException noTestUsers() {
        return Problems.exception(HttpStatus.CONFLICT, "No test users",
                "No test users are configured (workbench.submit.test-users): a workload has nobody to run as.");
    }

    private static MethodArgumentNotValidException invalid(BindingResult errors) {
        return InvalidWorkloadException.badRequest(errors);
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
