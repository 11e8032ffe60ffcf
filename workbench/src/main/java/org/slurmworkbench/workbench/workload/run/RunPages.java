package org.slurmworkbench.workbench.workload.run;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.submit.SubmitTestUsers;
import org.slurmworkbench.workbench.workload.plan.Capacity;
import org.slurmworkbench.workbench.workload.plan.PlanPreview;
import org.slurmworkbench.workbench.workload.plan.PlanSources;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.slurmworkbench.workbench.workload.plan.Presets;
import org.slurmworkbench.workbench.workload.plan.PreviewCharts;
import org.slurmworkbench.workbench.workload.plan.WorkloadGenerator;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Workloads · Jasmine" (admins; a run's creator may open its pages): the run list with a create form that previews
 * the plan before it is created, and a run's page with its progress bar (reloaded by htmx) and its pause, resume and
 * cancel buttons (forms with CSRF tokens). The analysis and comparison pages are {@code analysis.AnalysisPages}, the
 * SWF import card {@code swf.SwfPages}.
 */
@Controller
class RunPages {

    private final Runs runs;
    private final PlanSources sources;
    private final Clusters clusters;
    private final SubmitTestUsers testUsers;
    private final PreviewCharts previewCharts;
    private final WorkloadProperties properties;
    private final MessageSource messages;
    private final JsonMapper json;
    private final RunJobStates jobStates;

    RunPages(Runs runs, PlanSources sources, Clusters clusters, SubmitTestUsers testUsers, PreviewCharts previewCharts,
             WorkloadProperties properties, MessageSource messages, JsonMapper json, RunJobStates jobStates) {
        this.jobStates = jobStates;
        this.runs = runs;
        this.sources = sources;
        this.clusters = clusters;
        this.testUsers = testUsers;
        this.previewCharts = previewCharts;
        this.properties = properties;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/workloads")
    String list(Model model) {
        Runs.requireAdmin(CurrentUser.require());
        return page(model, new CreateForm(null, Presets.STRESS, null, null, properties.concurrency(), properties.rateLimit(),
                null), Map.of(), null);
    }

    /**
     * Generates the plan the form describes and shows what it would be (totals, histograms, load against capacity)
     * in place of the form's card (htmx), with the create button; nothing is stored or submitted. Bad input comes
     * back as messages on its fields.
     */
    @PostMapping("/workloads/preview")
    String preview(@ModelAttribute("form") CreateForm form, BindingResult binding, Model model, Locale locale) {
        Runs.requireAdmin(CurrentUser.require());
        Map<String, String> errors = new LinkedHashMap<>();
        Draft draft = draft(form, binding, errors, locale);
        createCard(model, form, errors, draft == null ? null : preview(draft, locale));
        return "workload/runs :: create";
    }

    /**
     * Creates a run from a preset sized to the cluster or from generator parameters; {@code jobs} makes a preset
     * smaller or larger, its arrival window scaled alike so the arrival rate stays the preset's. The run page then
     * offers to start it. Bad input shows the form again, with the messages on their fields (400).
     */
    @PostMapping("/workloads/runs")
    String create(@ModelAttribute("form") CreateForm form, BindingResult binding, Model model, Locale locale,
                  HttpServletResponse response) {
        WorkbenchUser me = CurrentUser.require();
        Runs.requireAdmin(me);
        Map<String, String> errors = new LinkedHashMap<>();
        Draft draft = draft(form, binding, errors, locale);
        if (draft == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, form, errors, null);
        }
        Run run;
        try {
            run = runs.create(me, new RunRequest(draft.cluster(), form.concurrency(), form.rateLimit(), false,
                    draft.source(), null, draft.parameters(), null));
        } catch (ErrorResponseException e) {
            // what Runs checks beyond the form (e.g. the plan as a whole): shown on the form all the same
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            errors.put(problemField(e), String.valueOf(e.getBody().getDetail()));
            return page(model, form, errors, null);
        }
        return "redirect:/workloads/runs/" + run.id();
    }

    /** The parameters a valid form stands for, checked against the cluster. */
    private record Draft(String cluster, String source, WorkloadParameters parameters, Capacity capacity) {
    }

    /** Checks the form; answers its draft, or null with a message per field in {@code errors}. */
    private Draft draft(CreateForm form, BindingResult binding, Map<String, String> errors, Locale locale) {
        for (FieldError fe : binding.getFieldErrors()) {
            errors.putIfAbsent(fe.getField(), msg("workload.error.number", locale));
        }
        if (form.cluster() == null || !clusters.names().contains(form.cluster())) {
            errors.putIfAbsent("cluster", msg("workload.error.cluster", locale));
        }
        if (form.jobs() != null && (form.jobs() < 1 || form.jobs() > 1_000_000)) {
            errors.putIfAbsent("jobs", msg("workload.error.jobs", locale));
        }
        if (form.concurrency() != null && (form.concurrency() < 1 || form.concurrency() > properties.maxConcurrency())) {
            errors.putIfAbsent("concurrency", messages.getMessage("workload.error.concurrency",
                    new Object[]{properties.maxConcurrency()}, locale));
        }
        if (form.rateLimit() != null && form.rateLimit() < 0) {
            errors.putIfAbsent("rateLimit", msg("workload.error.rateLimit", locale));
        }
        WorkloadParameters p = null;
        if (form.hasParameters()) {
            try {
                p = json.readValue(form.parameters(), WorkloadParameters.class);
            } catch (JacksonException e) {
                errors.putIfAbsent("parameters", msg("workload.error.json", locale));
            }
        } else if (!Presets.ALL.contains(String.valueOf(form.preset()))) {
            errors.putIfAbsent("preset", msg("workload.error.preset", locale));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        Capacity capacity;
        try {
            capacity = sources.capacity(form.cluster());
        } catch (SlurmException e) {
            errors.put("cluster", messages.getMessage("workload.error.unreachable", new Object[]{e.getMessage()}, locale));
            return null;
        }
        String source = "form:parameters";
        if (p == null) {
            p = Presets.of(capacity, sources.testUsers()).stream().filter(x -> x.id().equals(form.preset())).findFirst()
                    .orElseThrow().parameters();
            source = "preset:" + form.preset();
            if (form.jobs() != null) {
                long window = Math.max(1, (long) Math.ceil(p.windowSeconds() * (double) form.jobs() / p.jobs()));
                p = withJobs(p, form.jobs(), window);
            }
        } else if (form.jobs() != null) {
            p = withJobs(p, form.jobs(), p.windowSeconds());
        }
        if (form.seed() != null) {
            p = p.withSeed(form.seed());
        }
        BindingResult invalid = sources.check("parameters", p, capacity);
        for (FieldError fe : invalid.getFieldErrors()) {
            String path = fe.getField();
            // parameters.jobs and parameters.seed have fields of their own; the rest belong to the JSON or the preset
            String field = path.equals("parameters.jobs") && form.jobs() != null ? "jobs"
                    : path.equals("parameters.seed") && form.seed() != null ? "seed"
                    : form.hasParameters() ? "parameters" : "preset";
            String message = messages.getMessage(fe, locale);
            errors.merge(field, path.replaceFirst("^parameters\\.?", "") + (path.equals("parameters") ? "" : " ")
                    + message, (a, b) -> a + "; " + b);
        }
        return errors.isEmpty() ? new Draft(form.cluster(), source, p, capacity) : null;
    }

    private static WorkloadParameters withJobs(WorkloadParameters p, int jobs, long window) {
        return new WorkloadParameters(p.users(), window, jobs, p.cpusPerJob(), p.nodesPerJob(), p.runSeconds(),
                p.arrival(), p.gpu(), p.partitions(), p.qos(), p.accounts(), p.timeLimitFactor(), p.packArrays(), p.seed());
    }

    /** What the page shows of a previewed plan: its summary, a few jobs, and the four charts as JSON. */
    record Shown(long seed, PlanPreview.Summary summary, Map<String, String> charts, List<PlannedJob> sample) {
    }

    private Shown preview(Draft d, Locale locale) {
        WorkloadGenerator.Generated g = sources.generate(d.cluster(), d.parameters(), d.capacity());
        PlanPreview preview = PlanPreview.of(g.plan(), d.capacity(), d.parameters().windowSeconds(), g.clampedJobs());
        Map<String, String> specs = new LinkedHashMap<>();
        previewCharts.of(preview, locale).forEach((name, spec) -> specs.put(name, json.writeValueAsString(spec)));
        return new Shown(g.plan().seed(), preview.summary(), specs, PlanPreview.sample(g.plan()));
    }

    private String page(Model model, CreateForm form, Map<String, String> errors, Shown preview) {
        model.addAttribute("nav", "workloads");
        model.addAttribute("runs", runs.list(CurrentUser.require()));
        createCard(model, form, errors, preview);
        return "workload/runs";
    }

    private void createCard(Model model, CreateForm form, Map<String, String> errors, Shown preview) {
        model.addAttribute("form", form);
        model.addAttribute("fieldErrors", errors);
        model.addAttribute("preview", preview);
        model.addAttribute("clusterNames", clusters.names());
        model.addAttribute("testUsers", testUsers.testUsers());
        model.addAttribute("presets", Presets.ALL);
    }

    private static String problemField(ErrorResponseException e) {
        Object errors = e.getBody().getProperties() == null ? null : e.getBody().getProperties().get("errors");
        String named = errors == null ? "" : String.valueOf(errors);
        return CreateForm.FIELDS.stream().filter(f -> named.contains("\"" + f) || named.contains("field=" + f)).findFirst()
                .orElse("preset");
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    /** The run table alone, which the list reloads every few seconds. */
    @GetMapping("/workloads/fragments/runs")
    String runsFragment(Model model) {
        model.addAttribute("runs", runs.list(CurrentUser.require()));
        return "workload/runs :: runs";
    }

    @GetMapping("/workloads/runs/{id}")
    String run(@PathVariable String id, Model model) {
        model.addAttribute("nav", "workloads");
        Runs.RunView v = runs.view(CurrentUser.require(), id);
        model.addAttribute("v", v);
        model.addAttribute("settings", RunSettings.of(v.run(), json).settings());
        model.addAttribute("jobStates", jobStates.of(v.run()));
        // other runs to compare this one with (never itself)
        model.addAttribute("otherRuns", runs.list(CurrentUser.require()).stream().map(Runs.RunView::run)
                .filter(r -> !r.id().equals(id)).toList());
        return "workload/run";
    }

    /** The progress card alone, which the run page reloads every two seconds until the run is over. */
    @GetMapping("/workloads/runs/{id}/progress")
    String progress(@PathVariable String id, Model model) {
        Runs.RunView v = runs.view(CurrentUser.require(), id);
        model.addAttribute("v", v);
        model.addAttribute("jobStates", jobStates.of(v.run()));
        return "workload/run :: progress";
    }

    /** Repeat: a new run of the same plan and seed, shown at once (started with its own Start button). */
    @PostMapping("/workloads/runs/{id}/repeat")
    String repeat(@PathVariable String id) {
        return "redirect:/workloads/runs/" + runs.repeat(CurrentUser.require(), id).id();
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
}
