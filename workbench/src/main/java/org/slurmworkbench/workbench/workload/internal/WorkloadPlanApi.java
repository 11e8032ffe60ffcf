package org.slurmworkbench.workbench.workload.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.context.MessageSource;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Workload plans before they run: presets sized to a cluster, a preview of generated parameters or of an uploaded
 * SWF trace (summary, import report, charts), and a plan as an SWF download. Any logged-in user may use it: nothing
 * here reaches Slurm but reads of nodes and partitions. Uploads are limited by
 * {@code spring.servlet.multipart.max-file-size} (413 beyond it).
 */
@RestController
@RequestMapping("/api/v1/workloads")
@Tag(name = "Workload plans", description = "Generate, preview, import (SWF) and export workload plans")
class WorkloadPlanApi {

    /** How many jobs of a plan a preview shows. */
    static final int SAMPLE = 20;

    private final PlanSources sources;
    private final PreviewCharts charts;
    private final MessageSource messages;
    private final SwfPreviews previews;

    WorkloadPlanApi(PlanSources sources, PreviewCharts charts, MessageSource messages, SwfPreviews previews) {
        this.sources = sources;
        this.charts = charts;
        this.messages = messages;
        this.previews = previews;
    }

    /** A cluster and the parameters to generate a plan for it from. */
    record PlanRequest(String cluster, WorkloadParameters parameters) {
    }

    record PresetView(String id, String title, String description, WorkloadParameters parameters) {
    }

    record PresetsAnswer(String cluster, Capacity capacity, List<String> users, List<PresetView> presets) {
    }

    /** @param seed the seed the plan was made with (a fresh one when the parameters had none) */
    record PreviewAnswer(long seed, PlanPreview.Summary summary, Map<String, Map<String, Object>> charts,
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
        String cluster = cluster(request);
        Capacity capacity = sources.capacity(cluster);
        WorkloadGenerator.Generated g = generate(cluster, request.parameters(), capacity);
        PlanPreview preview = PlanPreview.of(g.plan(), capacity, request.parameters().windowSeconds(), g.clampedJobs());
        return new PreviewAnswer(g.plan().seed(), preview.summary(), charts.of(preview, locale), sample(g.plan()));
    }

    @PostMapping(value = "/plan.swf", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Generate a plan from parameters and download it as SWF 2.2")
    void planSwf(@RequestBody PlanRequest request, HttpServletResponse response)
            throws MethodArgumentNotValidException, IOException {
        CurrentUser.require();
        String cluster = cluster(request);
        Capacity capacity = sources.capacity(cluster);
        WorkloadParameters p;
        try {
            p = sources.checked(request.parameters(), capacity);
        } catch (InvalidWorkloadException e) {
            throw invalid(e.errors());
        }
        response.setContentType("text/plain;charset=US-ASCII");
        response.setHeader("Content-Disposition", "attachment; filename=\"plan-" + cluster + "-" + p.seed() + ".swf\"");
        // written as it is generated: a million-job plan is never held as a million objects
        WorkloadGenerator.writeSwf("generator", p, capacity, response.getOutputStream());
    }

    @PostMapping(value = "/swf/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import an uploaded SWF trace and preview it: the trace's machine, the scaling factor, the "
            + "trace's and the plan's offered load, what was changed or skipped (and why), where the users went, and the plan")
    SwfPreviews.SwfPreviewAnswer swfPreview(@RequestParam String cluster, @RequestPart("file") MultipartFile file,
                                            @ModelAttribute SwfOptions options, Locale locale)
            throws MethodArgumentNotValidException, IOException {
        CurrentUser.require();
        try {
            return previews.preview(cluster, file, options, locale);
        } catch (InvalidWorkloadException e) {
            throw invalid(e.errors());
        }
    }

    private WorkloadGenerator.Generated generate(String cluster, WorkloadParameters p, Capacity capacity)
            throws MethodArgumentNotValidException {
        try {
            return sources.generate(cluster, p, capacity);
        } catch (InvalidWorkloadException e) {
            throw invalid(e.errors());
        }
    }

    private static String cluster(PlanRequest request) throws MethodArgumentNotValidException {
        BindingResult errors = new MapBindingResult(new java.util.HashMap<>(), "request");
        if (request.cluster() == null || request.cluster().isBlank()) {
            errors.addError(new FieldError("request", "cluster", null, false, new String[]{"workload.error.required"},
                    null, "is required"));
        }
        if (request.parameters() == null) {
            errors.addError(new FieldError("request", "parameters", null, false, new String[]{"workload.error.required"},
                    null, "is required"));
        }
        if (errors.hasErrors()) {
            throw invalid(errors);
        }
        return request.cluster();
    }

    static List<PlannedJob> sample(WorkloadPlan plan) {
        return plan.jobs().subList(0, Math.min(SAMPLE, plan.jobs().size()));
    }

    private ErrorResponseException noTestUsers() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "No test users are configured (workbench.submit.test-users): a workload has nobody to run as.");
        problem.setTitle("No test users");
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    private static MethodArgumentNotValidException invalid(BindingResult errors) {
        try {
            return new MethodArgumentNotValidException(new MethodParameter(WorkloadPlanApi.class.getDeclaredMethod(
                    "preview", PlanRequest.class, Locale.class), 0), errors);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
