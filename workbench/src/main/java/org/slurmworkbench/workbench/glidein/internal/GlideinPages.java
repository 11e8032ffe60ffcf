package org.slurmworkbench.workbench.glidein.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.submit.JobPlacement;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The glidein form (with a live preview of the pilot script, the pasted token left out), the caller's requests,
 * and one request's pilots, refreshed every few seconds. The same checks and the same factory as the API.
 */
@Controller
class GlideinPages {

    private final Clusters clusters;
    private final GlideinCheck check;
    private final GlideinFactory factory;
    private final MessageSource messages;
    private final JobPlacement placement;

    GlideinPages(Clusters clusters, GlideinCheck check, GlideinFactory factory, MessageSource messages, JobPlacement placement) {
        this.placement = placement;
        this.clusters = clusters;
        this.check = check;
        this.factory = factory;
        this.messages = messages;
    }

    @GetMapping("/glideins")
    String form(@RequestParam(required = false) String cluster, Model model) {
        String chosen = clusters.chosen(cluster);
        return page(model, chosen, GlideinForm.empty(chosen), Map.of());
    }

    @PostMapping("/glideins/preview")
    String preview(@ModelAttribute("form") GlideinForm form, BindingResult ignoredTypeErrors, Model model) {
        model.addAttribute("preview", PilotScript.render(GlideinFactory.NAME_PREFIX + "<id>", form.toRequest(), null));
        return "glidein/form :: preview";
    }

    @PostMapping("/glideins")
    String submit(@ModelAttribute("form") GlideinForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
        WorkbenchUser me = CurrentUser.require();
        String cluster = clusters.chosen(form.cluster());
        GlideinRequest request = form.toRequest();
        Map<String, String> errors = new LinkedHashMap<>(fieldMessages(binding));
        try {
            GlideinCheck.Result checked = check.check(cluster, me.slurmUser(), request);
            fieldMessages(checked.errors()).forEach(errors::putIfAbsent);
            if (!errors.isEmpty()) {
                return page(model, cluster, form, errors);
            }
            GlideinRequestStore.Stored s = factory.submit(cluster, me, request, checked.minutes());
            redirect.addFlashAttribute("submitted", s.arrayJobId());
            return "redirect:/glideins/" + cluster + "/" + s.id();
        } catch (SlurmException e) {
            model.addAttribute("slurmError", e.getMessage());
            model.addAttribute("slurmErrorNumber", e.errorNumber());
            return page(model, cluster, form, errors);
        }
    }

    @GetMapping("/glideins/{cluster}/{id}")
    String view(@PathVariable String cluster, @PathVariable long id, Model model) {
        model.addAttribute("nav", "glideins");
        model.addAttribute("cluster", cluster);
        model.addAttribute("g", factory.get(cluster, CurrentUser.require(), id));
        return "glidein/view";
    }

    @GetMapping("/glideins/{cluster}/{id}/pilots")
    String pilots(@PathVariable String cluster, @PathVariable long id, Model model) {
        model.addAttribute("cluster", cluster);
        model.addAttribute("g", factory.get(cluster, CurrentUser.require(), id));
        return "glidein/view :: pilots";
    }

    @PostMapping("/glideins/{cluster}/{id}/cancel")
    String cancel(@PathVariable String cluster, @PathVariable long id, RedirectAttributes redirect) {
        factory.cancel(cluster, CurrentUser.require(), id);
        redirect.addFlashAttribute("cancelled", true);
        return "redirect:/glideins/" + cluster + "/" + id;
    }

    private String page(Model model, String cluster, GlideinForm form, Map<String, String> errors) {
        model.addAttribute("nav", "glideins");
        model.addAttribute("clusterNames", clusters.reachable());
        model.addAttribute("cluster", cluster);
        model.addAttribute("form", form);
        model.addAttribute("fieldErrors", errors);
        model.addAttribute("preview", PilotScript.render(GlideinFactory.NAME_PREFIX + "<id>", form.toRequest(), null));
        List<GlideinFactory.Glidein> mine = List.of();
        if (cluster != null) {
            try {
                // the job form's own choices (one fragment shows them on both forms)
                model.addAttribute("choices", placement.choices(cluster, CurrentUser.require().slurmUser()));
                mine = factory.list(cluster, CurrentUser.require());
            } catch (SlurmException.Rejected | SlurmException.PermissionDenied e) {
                // Slurm's answer, shown on the form; an outage is the shared 503 page (PageErrorHandler)
                model.addAttribute("slurmError", e.getMessage());
            }
        }
        model.addAttribute("requests", mine);
        return "glidein/form";
    }

    /** One message per form field, in the request's language ({@code attributes[X]} belongs to {@code attributes}). */
    private Map<String, String> fieldMessages(BindingResult result) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (FieldError fe : result.getFieldErrors()) {
            byField.putIfAbsent(fe.getField().split("[\\[<.]", 2)[0], messages.getMessage(fe, LocaleContextHolder.getLocale()));
        }
        return byField;
    }
}
