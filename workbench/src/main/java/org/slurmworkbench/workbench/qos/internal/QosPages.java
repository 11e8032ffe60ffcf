package org.slurmworkbench.workbench.qos.internal;

import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The QOS pages: the list per cluster with use against limits, one QOS with its ceiling view and (for admins) the
 * edit form, the before/after diff shown before anything is applied, and the audit log. Non-admins see no edit
 * controls, and their posts are refused (403) and recorded by {@link QosEditor}.
 */
@Controller
class QosPages {

    static final Map<String, Duration> RANGES = new LinkedHashMap<>();

    static {
        RANGES.put("1h", Duration.ofHours(1));
        RANGES.put("6h", Duration.ofHours(6));
        RANGES.put("24h", Duration.ofHours(24));
        RANGES.put("7d", Duration.ofDays(7));
    }

    private final Clusters clusters;
    private final QosReader reader;
    private final QosEditor editor;
    private final QosAuditStore audit;
    private final Ceilings ceilings;
    private final CeilingChart charts;
    private final MessageSource messages;
    private final SpringValidatorAdapter validator;

    QosPages(Clusters clusters, QosReader reader, QosEditor editor, QosAuditStore audit, Ceilings ceilings,
             CeilingChart charts, MessageSource messages, Validator validator) {
        this.clusters = clusters;
        this.reader = reader;
        this.editor = editor;
        this.audit = audit;
        this.ceilings = ceilings;
        this.charts = charts;
        this.messages = messages;
        this.validator = new SpringValidatorAdapter(validator);
    }

    @GetMapping("/qos")
    String list(@RequestParam(required = false) String cluster, Model model) {
        List<String> names = clusters.names();
        String chosen = cluster != null && !cluster.isBlank() ? cluster : clusters.statuses().stream()
                .filter(org.slurmworkbench.workbench.cluster.ClusterStatus::reachable).map(
                        org.slurmworkbench.workbench.cluster.ClusterStatus::name).findFirst()
                .orElse(names.isEmpty() ? null : names.getFirst());
        if (chosen != null) {
            clusters.status(chosen); // an unknown cluster is a 404
        }
        model.addAttribute("nav", "qos");
        model.addAttribute("clusterNames", names);
        model.addAttribute("cluster", chosen);
        model.addAttribute("uses", List.of());
        if (chosen != null) {
            try {
                model.addAttribute("uses", reader.all(chosen));
            } catch (SlurmException.Rejected | SlurmException.PermissionDenied e) {
                // Slurm's answer, shown on the page; an outage is the shared 503 page (PageErrorHandler)
                model.addAttribute("slurmError", e.getMessage());
            }
        }
        return "qos/list";
    }

    @GetMapping("/qos/{cluster}/{name}")
    String detail(@PathVariable String cluster, @PathVariable String name,
                  @RequestParam(defaultValue = "24h") String range, Model model, Locale locale) {
        QosUse use = reader.one(cluster, name).orElseThrow(() -> QosEditor.problem(
                org.springframework.http.HttpStatus.NOT_FOUND, "No such QOS", "No QOS " + name + " on " + cluster));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", QosForm.of(cluster, name, use.limits()));
        }
        return detailPage(model, use, RANGES.containsKey(range) ? range : "24h", Map.of(), locale);
    }

    @GetMapping("/qos/new")
    String create(@RequestParam String cluster, Model model) {
        requireAdmin();
        clusters.status(cluster);
        return formPage(model, QosForm.create(cluster), Map.of());
    }

    /** Checks the form and shows the before/after diff; nothing reaches Slurm yet. */
    @PostMapping("/qos/preview")
    String preview(@ModelAttribute("form") QosForm form, Model model, Locale locale) {
        WorkbenchUser me = CurrentUser.require();
        editor.requireAdmin(me, form.cluster(), form.name(), form.create());
        Map<String, String> errors = new LinkedHashMap<>();
        QosEdit edit = check(form, errors, locale);
        return errors.isEmpty() ? diffPage(me, form, edit, model, locale) : formWithErrors(form, errors, model, locale);
    }

    @PostMapping("/qos/apply")
    String apply(@ModelAttribute("form") QosForm form, Model model, RedirectAttributes redirect, Locale locale) {
        WorkbenchUser me = CurrentUser.require();
        editor.requireAdmin(me, form.cluster(), form.name(), form.create());
        Map<String, String> errors = new LinkedHashMap<>();
        QosEdit edit = check(form, errors, locale);
        if (!errors.isEmpty()) {
            return formWithErrors(form, errors, model, locale);
        }
        try {
            QosEditor.Result result = editor.apply(me, form.cluster(), form.name(), edit, form.create());
            redirect.addFlashAttribute("result", result);
            return "redirect:/qos/" + form.cluster() + "/" + form.name();
        } catch (SlurmException e) {
            // Slurm refused: nothing changed; say why beside the same diff
            model.addAttribute("slurmError", e.getMessage());
            return diffPage(me, form, edit, model, locale);
        }
    }

    @GetMapping("/qos/audit")
    String audit(@RequestParam(required = false) String cluster, @RequestParam(required = false) String qos, Model model) {
        requireAdmin();
        model.addAttribute("nav", "qos");
        model.addAttribute("entries", audit.recent(cluster, qos, QosAuditStore.MAX_ROWS));
        model.addAttribute("cluster", cluster);
        model.addAttribute("qos", qos);
        return "qos/audit";
    }

    private QosEdit check(QosForm form, Map<String, String> errors, Locale locale) {
        Map<String, String> codes = new LinkedHashMap<>();
        QosEdit edit = form.toEdit(codes);
        codes.forEach((field, code) -> errors.put(field, messages.getMessage(code, null, code, locale)));
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(edit, "edit");
        validator.validate(edit, result);
        for (FieldError fe : result.getFieldErrors()) {
            errors.putIfAbsent(fe.getField(), messages.getMessage(fe, locale));
        }
        for (String field : List.of("grpTres", "maxTresPerUser", "maxTresPerJob")) {
            Object value = result.getRawFieldValue(field);
            if (value instanceof String tres && QosEdit.hasDuplicateTres(tres) && !errors.containsKey(field)) {
                errors.put(field, messages.getMessage("qos.error.tresTwice", null, locale));
            }
        }
        return edit;
    }

    private String diffPage(WorkbenchUser me, QosForm form, QosEdit edit, Model model, Locale locale) {
        try {
            model.addAttribute("plan", editor.plan(me, form.cluster(), form.name(), edit, form.create()));
        } catch (org.springframework.web.ErrorResponseException e) {
            // a field the editor found wrong (e.g. a TRES the cluster does not track) goes back on its field
            Map<String, String> errors = FieldProblems.of(e);
            if (errors.isEmpty()) {
                throw e;
            }
            return formWithErrors(form, errors, model, locale);
        }
        model.addAttribute("form", form);
        model.addAttribute("nav", "qos");
        return "qos/diff";
    }

    /** The form again with its field errors: the new-QOS page, or the QOS's own page. */
    private String formWithErrors(QosForm form, Map<String, String> errors, Model model, Locale locale) {
        if (form.create()) {
            return formPage(model, form, errors);
        }
        QosUse use = reader.one(form.cluster(), form.name()).orElseThrow(() -> QosEditor.problem(
                org.springframework.http.HttpStatus.NOT_FOUND, "No such QOS", "No QOS " + form.name()));
        model.addAttribute("form", form);
        return detailPage(model, use, "24h", errors, locale);
    }

    private String detailPage(Model model, QosUse use, String range, Map<String, String> errors, Locale locale) {
        Instant now = Instant.now();
        CeilingView view = ceilings.view(use.cluster(), use.name(), now.minus(RANGES.get(range)).toString(), now.toString());
        model.addAttribute("nav", "qos");
        model.addAttribute("use", use);
        model.addAttribute("view", view);
        model.addAttribute("range", range);
        model.addAttribute("ranges", RANGES.keySet());
        model.addAttribute("gpuChart", charts.gpus(view, locale));
        model.addAttribute("cpuChart", charts.cpus(view, locale));
        model.addAttribute("fieldErrors", errors);
        return "qos/detail";
    }

    private String formPage(Model model, QosForm form, Map<String, String> errors) {
        model.addAttribute("nav", "qos");
        model.addAttribute("form", form);
        model.addAttribute("fieldErrors", errors);
        return "qos/new";
    }

    private static void requireAdmin() {
        if (!CurrentUser.require().isAdmin()) {
            throw new AccessDeniedException("QOS editing and the audit log are for admins");
        }
    }
}
