package org.slurmworkbench.workbench.notify.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The logged-in user's notification settings as a page: only their own. */
@Controller
class ProfilePages {

    private final ProfileStore profiles;
    private final SettingsCheck check;
    private final MailChannel mail;
    private final WebhookPolicy webhooks;

    ProfilePages(ProfileStore profiles, SettingsCheck check, MailChannel mail, WebhookPolicy webhooks) {
        this.profiles = profiles;
        this.check = check;
        this.mail = mail;
        this.webhooks = webhooks;
    }

    @GetMapping("/profile")
    String page(Model model) {
        return page(model, Settings.of(profiles.findOrEmpty(CurrentUser.require().username())), Map.of());
    }

    @PostMapping("/profile")
    String save(@ModelAttribute Settings settings, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        String me = CurrentUser.require().username();
        Map<String, String> problems = check.problems(settings, LocaleContextHolder.getLocale());
        if (!problems.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, settings, problems);
        }
        profiles.save(settings.toProfile(me, profiles.findOrEmpty(me)));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/profile";
    }

    private String page(Model model, Settings settings, Map<String, String> problems) {
        model.addAttribute("nav", "profile");
        model.addAttribute("settings", settings);
        model.addAttribute("fieldErrors", problems);
        model.addAttribute("mailAvailable", mail.available());
        model.addAttribute("webhookHosts", String.join(", ", webhooks.allowedHosts()));
        return "notify/profile";
    }
}
