package org.slurmworkbench.workbench.security.internal;

import jakarta.validation.Valid;
import java.util.Locale;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.Role;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.security.internal.UserRegistration.UsernameTakenException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin-only pages: the list of users with a form to add one and the recent changes, and a page per user to edit
 * role and Slurm user, disable or enable, reset the password, unlock the login name and delete. The rules are
 * {@link UserChanges}'s; a refusal comes back as a message on the page.
 */
@Controller
@RequestMapping("/admin/users")
class UserAdminPages {

    private final UserStore accounts;
    private final UserRegistration registration;
    private final UserChanges changes;
    private final UserAudit audit;
    private final MessageSource messages;

    UserAdminPages(UserStore accounts, UserRegistration registration, UserChanges changes, UserAudit audit,
                   MessageSource messages) {
        this.accounts = accounts;
        this.registration = registration;
        this.changes = changes;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping
    String show(Model model) {
        model.addAttribute("form", NewUser.empty());
        return page(model);
    }

    @PostMapping
    String add(@Valid @ModelAttribute("form") NewUser form, BindingResult result, Model model, RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                registration.register(CurrentUser.require(), form);
                redirect.addFlashAttribute("added", form.username());
                return "redirect:/admin/users";
            } catch (UsernameTakenException e) {
                result.rejectValue("username", "user.username.taken");
            } catch (UserChanges.RefusedException e) {
                result.rejectValue(e.field, e.key, e.args, e.key);
            }
        }
        return page(model);
    }

    @GetMapping("/{username}")
    String user(@PathVariable String username, Model model) {
        UserAccount user = found(username);
        model.addAttribute("edit", new UserEdit(user.role(), user.slurmUser(), null));
        return userPage(user, model);
    }

    @PostMapping("/{username}")
    String edit(@PathVariable String username, @Valid @ModelAttribute("edit") UserEdit edit, BindingResult result,
                Model model, RedirectAttributes redirect, Locale locale) {
        UserAccount user = found(username);
        if (!result.hasErrors()) {
            try {
                changes.edit(CurrentUser.require(), username, edit.role(), edit.slurmUser());
                return done(username, "users.saved", redirect);
            } catch (UserChanges.RefusedException e) {
                if (e.field == null) {
                    return refused(username, e, redirect, locale);
                }
                result.rejectValue(e.field, e.key, e.args, e.key);
            }
        }
        return userPage(user, model);
    }

    @PostMapping("/{username}/enabled")
    String enabled(@PathVariable String username, @RequestParam boolean enabled, RedirectAttributes redirect, Locale locale) {
        return act(username, enabled ? "users.enabledDone" : "users.disabledDone", redirect, locale,
                me -> changes.setEnabled(me, username, enabled));
    }

    @PostMapping("/{username}/password")
    String password(@PathVariable String username, @Valid @ModelAttribute("reset") PasswordReset reset, BindingResult result,
                    Model model, RedirectAttributes redirect, Locale locale) {
        UserAccount user = found(username);
        if (result.hasErrors()) {
            model.addAttribute("edit", new UserEdit(user.role(), user.slurmUser(), null));
            return userPage(user, model);
        }
        return act(username, "users.passwordDone", redirect, locale, me -> {
            String generated = changes.resetPassword(me, username, reset.password());
            if (generated != null) {
                redirect.addFlashAttribute("newPassword", generated);
            }
        });
    }

    @PostMapping("/{username}/unlock")
    String unlock(@PathVariable String username, RedirectAttributes redirect, Locale locale) {
        return act(username, "users.unlockDone", redirect, locale, me -> changes.unlock(me, username));
    }

    @PostMapping("/{username}/delete")
    String delete(@PathVariable String username, RedirectAttributes redirect, Locale locale) {
        found(username);
        try {
            changes.delete(CurrentUser.require(), username);
        } catch (UserChanges.RefusedException e) {
            return refused(username, e, redirect, locale);
        }
        redirect.addFlashAttribute("deleted", username);
        return "redirect:/admin/users";
    }

    private String act(String username, String doneKey, RedirectAttributes redirect, Locale locale,
                       java.util.function.Consumer<WorkbenchUser> change) {
        found(username);
        try {
            change.accept(CurrentUser.require());
        } catch (UserChanges.RefusedException e) {
            return refused(username, e, redirect, locale);
        }
        return done(username, doneKey, redirect);
    }

    private static String done(String username, String key, RedirectAttributes redirect) {
        redirect.addFlashAttribute("done", key);
        redirect.addAttribute("username", username);
        return "redirect:/admin/users/{username}";
    }

    private String refused(String username, UserChanges.RefusedException e, RedirectAttributes redirect, Locale locale) {
        redirect.addFlashAttribute("refused", messages.getMessage(e.key, e.args, locale));
        redirect.addAttribute("username", username);
        return "redirect:/admin/users/{username}";
    }

    private UserAccount found(String username) {
        return accounts.find(username).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String userPage(UserAccount user, Model model) {
        WorkbenchUser me = CurrentUser.require();
        model.addAttribute("user", UserView.of(user));
        model.addAttribute("self", user.username().equals(me.username()));
        model.addAttribute("siteLogin", SiteAccounts.NO_LOCAL_PASSWORD.equals(user.passwordHash()));
        if (!model.containsAttribute("reset")) {
            model.addAttribute("reset", new PasswordReset(null));
        }
        model.addAttribute("slurmUsers", changes.slurmUserChoices(user.slurmUser()));
        model.addAttribute("roles", Role.values());
        model.addAttribute("changes", audit.recent(user.username()));
        model.addAttribute("nav", "admin");
        return "admin/user";
    }

    private String page(Model model) {
        model.addAttribute("users", accounts.all().stream().map(UserView::of).toList());
        model.addAttribute("roles", Role.values());
        model.addAttribute("slurmUsers", changes.slurmUserChoices(null));
        model.addAttribute("changes", audit.recent(null));
        model.addAttribute("nav", "admin");
        return "admin/users";
    }
}
