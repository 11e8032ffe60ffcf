package org.slurmworkbench.workbench.submit.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.notify.JobNotifications;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.submit.JobPlacement;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The job form: choices from the cluster and the user's associations, a live {@code #SBATCH} preview rendered on
 * the server (htmx, no inline script), the same checks as the API with the messages on their fields, and Slurm's
 * own refusal shown in plain words with its number.
 */
@Controller
class SubmitPages {

    private final Clusters clusters;
    private final SpecReader reader;
    private final SubmissionCheck check;
    private final Submitter submitter;
    private final FieldMessages fieldMessages;
    private final SubmitProperties properties;
    private final TemplateStore templates;
    private final org.springframework.context.MessageSource messages;
    private final JobNotifications notifications;

    SubmitPages(Clusters clusters, SpecReader reader, SubmissionCheck check, Submitter submitter,
               FieldMessages fieldMessages, SubmitProperties properties, TemplateStore templates,
               org.springframework.context.MessageSource messages, JobNotifications notifications) {
        this.notifications = notifications;
        this.templates = templates;
        this.messages = messages;
        this.clusters = clusters;
        this.reader = reader;
        this.check = check;
        this.submitter = submitter;
        this.fieldMessages = fieldMessages;
        this.properties = properties;
    }

    @GetMapping("/submit")
    String form(@RequestParam(required = false) String cluster, @RequestParam(required = false) String template,
                @RequestParam(required = false) Long saved, Model model) {
        String chosen = clusters.chosen(cluster);
        JobForm form = JobForm.empty(chosen);
        if (template != null) {
            form = BuiltinTemplates.get(template, chosen).orElseThrow(() -> noTemplate(template));
        } else if (saved != null && chosen != null) {
            WorkbenchUser me = CurrentUser.require();
            form = templates.form(saved, me.username(), check.choices(chosen, me.slurmUser()).accounts())
                    .map(f -> f.withCluster(chosen)).orElseThrow(() -> noTemplate(saved.toString()));
        }
        return page(model, chosen, form, Map.of());
    }

    /** Saves the form as the user's template, optionally shared with everyone in the form's account. */
    @PostMapping("/submit/templates")
    String saveTemplate(@ModelAttribute("form") JobForm form, BindingResult binding, @RequestParam String templateName,
                        @RequestParam(defaultValue = "false") boolean share, Model model, RedirectAttributes redirect,
                        HttpServletResponse response) {
        WorkbenchUser me = CurrentUser.require();
        String cluster = clusters.chosen(form.cluster());
        if (!validTemplateName(templateName)) {
            return page(model, cluster, form, Map.of("templateName", message("submit.error.templateName")));
        }
        // a template is a form the submission's own checks accept field by field: nothing unreadable or too long is kept
        BindingResult spec = reader.validate(form.toSpec());
        // shared into an account, it is offered to that account's users: only into one of the author's own accounts,
        // as submission checks it (admins: any), or anyone could put a script in front of another group
        if (share && !me.isAdmin() && form.account() != null && !form.account().isBlank() && cluster != null
                && !spec.hasFieldErrors("account")) {
            check.check(cluster, me.slurmUser(), new JobPlacement.Placement(null, form.account(), null, null, null, null), spec);
        }
        Map<String, String> invalid = fieldMessages.of(binding, spec);
        if (!invalid.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, cluster, form, invalid);
        }
        long id = templates.save(me.username(), templateName.strip(), share, form);
        redirect.addFlashAttribute("templateSaved", templateName.strip());
        return "redirect:/submit?cluster=" + cluster + "&saved=" + id;
    }

    /** Renames a saved template: its owner, or an admin; anyone else is told there is no such template. */
    @PostMapping("/submit/templates/{id}/rename")
    String renameTemplate(@PathVariable long id, @RequestParam String templateName, @RequestParam(required = false) String cluster,
                          Model model, RedirectAttributes redirect, HttpServletResponse response) {
        mayChange(id);
        String name = templateName.strip();
        String chosen = clusters.chosen(cluster);
        if (!validTemplateName(name)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, chosen, JobForm.empty(chosen), Map.of("templateName", message("submit.error.templateName")));
        }
        if (!templates.rename(id, name)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, chosen, JobForm.empty(chosen), Map.of("templateName", message("submit.error.templateName.taken")));
        }
        redirect.addFlashAttribute("templateRenamed", name);
        return "redirect:/submit?cluster=" + chosen;
    }

    /** Deletes a saved template (the page asks first): its owner, or an admin. */
    @PostMapping("/submit/templates/{id}/delete")
    String deleteTemplate(@PathVariable long id, @RequestParam(required = false) String cluster, RedirectAttributes redirect) {
        mayChange(id);
        templates.delete(id);
        redirect.addFlashAttribute("templateDeleted", true);
        return "redirect:/submit?cluster=" + clusters.chosen(cluster);
    }

    /** 404 unless the template exists and is the user's own (or the user is an admin): others learn nothing of it. */
    private void mayChange(long id) {
        WorkbenchUser me = CurrentUser.require();
        String owner = templates.owner(id).orElseThrow(() -> noTemplate(Long.toString(id)));
        if (!me.isAdmin() && !owner.equals(me.username())) {
            throw noTemplate(Long.toString(id));
        }
    }

    private static boolean validTemplateName(String name) {
        return !name.isBlank() && name.length() <= 100 && name.chars().noneMatch(Character::isISOControl);
    }

    private String message(String key) {
        return messages.getMessage(key, null, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    private static RuntimeException noTemplate(String name) {
        return JobActions.problem(org.springframework.http.HttpStatus.NOT_FOUND, "No such template", "No template " + name);
    }

    /** The preview alone, re-rendered as the form changes. */
    @PostMapping("/submit/preview")
    String preview(@ModelAttribute("form") JobForm form, BindingResult ignoredTypeErrors, Model model) {
        model.addAttribute("preview", SbatchPreview.render(form.toSpec()));
        return "submit/form :: preview";
    }

    @PostMapping("/submit")
    String submit(@ModelAttribute("form") JobForm form, BindingResult binding, Model model, RedirectAttributes redirect,
                  @RequestParam(defaultValue = "false") boolean notifyEnd,
                  @RequestParam(defaultValue = "false") boolean notifyFail,
                  @RequestParam(defaultValue = "false") boolean notifyTime,
                  @RequestParam(required = false) String notifyTimePercent) {
        WorkbenchUser me = CurrentUser.require();
        String cluster = clusters.chosen(form.cluster());
        JobSpec spec = form.toSpec();
        BindingResult errors = reader.validate(spec);
        String slurmUser = check.slurmUser(me, spec, errors);
        JobSubmission submission = errors.hasErrors() || binding.hasErrors() || slurmUser == null ? null
                : check.check(cluster, slurmUser, spec, errors);
        Integer share = notifyTime ? percent(notifyTimePercent) : null;
        JobNotifications.Choices notify = new JobNotifications.Choices(notifyEnd, notifyFail, share);
        model.addAttribute("notify", notify);
        if (notifyTime && share == null) {
            Map<String, String> invalid = new java.util.LinkedHashMap<>(fieldMessages.of(binding, errors));
            invalid.put("notifyTimePercent", messages.getMessage("notify.error.timeShare", null,
                    org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            return page(model, cluster, form, invalid);
        }
        if (submission == null) {
            return page(model, cluster, form, fieldMessages.of(binding, errors));
        }
        try {
            SubmitResult result = submitter.submit(cluster, slurmUser, submission);
            try {
                notifications.optIn(cluster, result.jobId(), me.username(), slurmUser, notify);
            } catch (org.springframework.dao.DataAccessException e) {
                // the job is in Slurm; only the message about its end is lost, which the log says
                org.slf4j.LoggerFactory.getLogger(SubmitPages.class).warn("Could not record {}'s notification choices for job {} on {}: {}",
                        me.username(), result.jobId(), cluster, e.getMessage());
            }
            redirect.addFlashAttribute("submitted", result.jobId());
            return "redirect:/submit/jobs/" + cluster + "/" + result.jobId();
        } catch (SlurmException e) {
            model.addAttribute("slurmError", e.getMessage());
            model.addAttribute("slurmErrorNumber", e.errorNumber());
            return page(model, cluster, form, Map.of());
        }
    }

    /** The account and QOS choices of the user the form submits as: an admin's "Submit as" changes them (htmx). */
    @PostMapping("/submit/choices")
    String choices(@ModelAttribute("form") JobForm form, BindingResult ignoredTypeErrors, Model model) {
        WorkbenchUser me = CurrentUser.require();
        String cluster = clusters.chosen(form.cluster());
        model.addAttribute("form", form);
        model.addAttribute("fieldErrors", Map.of());
        model.addAttribute("choices", cluster == null ? null : check.choices(cluster, submitsAs(me, form)));
        return "submit/form :: accountQos";
    }

    /** Whose associations the form offers: the test user an admin chose in "Submit as", else the user's own. */
    private String submitsAs(WorkbenchUser me, JobForm form) {
        String wanted = form.user();
        return me.isAdmin() && wanted != null && properties.testUsers().contains(wanted) ? wanted : me.slurmUser();
    }

    /** A share of the time limit, 1-100 %; null when it is none. */
    private static Integer percent(String text) {
        try {
            int p = Integer.parseInt(text == null ? "" : text.strip());
            return p >= 1 && p <= 100 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String page(Model model, String cluster, JobForm form, Map<String, String> errors) {
        WorkbenchUser me = CurrentUser.require();
        if (!model.containsAttribute("notify")) {
            model.addAttribute("notify", notifications.defaults(me.username()));
        }
        model.addAttribute("notifyReachable", notifications.reachable(me.username()));
        model.addAttribute("nav", "submit");
        model.addAttribute("clusterNames", clusters.reachable());
        model.addAttribute("cluster", cluster);
        model.addAttribute("form", form);
        model.addAttribute("fieldErrors", errors);
        model.addAttribute("templates", BuiltinTemplates.ALL.keySet());
        model.addAttribute("savedTemplates", List.of());
        model.addAttribute("changeableTemplates", List.of());
        model.addAttribute("preview", SbatchPreview.render(form.toSpec()));
        model.addAttribute("testUsers", me.isAdmin() ? properties.testUsers() : List.of());
        try {
            JobPlacement.Choices offered = cluster == null ? null : check.choices(cluster, submitsAs(me, form));
            model.addAttribute("choices", offered);
            List<TemplateStore.Saved> saved = cluster == null ? List.of()
                    : templates.visible(me.username(), (me.slurmUser().equals(submitsAs(me, form)) ? offered
                            : check.choices(cluster, me.slurmUser())).accounts());
            model.addAttribute("savedTemplates", saved);
            model.addAttribute("changeableTemplates", saved.stream().filter(t -> me.isAdmin() || t.owner().equals(me.username())).toList());
        } catch (SlurmException.Rejected | SlurmException.PermissionDenied e) {
            // Slurm's answer, shown on the form; an outage is the shared 503 page (PageErrorHandler)
            model.addAttribute("slurmError", e.getMessage());
        }
        return "submit/form";
    }
}
