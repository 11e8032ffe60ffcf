package org.slurmworkbench.workbench.security.internal;

import jakarta.validation.Valid;
import org.slurmworkbench.workbench.security.Role;
import org.slurmworkbench.workbench.security.internal.UserRegistration.UsernameTakenException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin-only page: the list of users and a form to add one. */
@Controller
@RequestMapping("/admin/users")
class UserAdminPages {

    private final UserStore accounts;
    private final UserRegistration registration;

    UserAdminPages(UserStore accounts, UserRegistration registration) {
        this.accounts = accounts;
        this.registration = registration;
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
                registration.register(form);
                redirect.addFlashAttribute("added", form.username());
                return "redirect:/admin/users";
            } catch (UsernameTakenException e) {
                result.rejectValue("username", "user.username.taken");
            }
        }
        return page(model);
    }

    private String page(Model model) {
        model.addAttribute("users", accounts.all().stream().map(UserView::of).toList());
        model.addAttribute("roles", Role.values());
        model.addAttribute("nav", "admin");
        return "admin/users";
    }
}
