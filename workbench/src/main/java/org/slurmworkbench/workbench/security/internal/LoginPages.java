package org.slurmworkbench.workbench.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login form; Spring Security handles the POST, the failure redirect and logout. */
@Controller
class LoginPages {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 @RequestParam(required = false) String locked, HttpServletRequest request, Model model) {
        if (error != null) {
            HttpSession session = request.getSession(false);
            Object cause = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("loginError", cause instanceof DisabledException ? "login.disabled" : "login.failed");
        }
        if (locked != null) {
            // Set by LoginThrottleFilter; only a small number is shown, whatever the link says.
            model.addAttribute("lockedMinutes", locked.matches("\\d{1,4}") ? Integer.parseInt(locked) : 15);
        }
        model.addAttribute("loggedOut", logout != null);
        return "security/login";
    }
}
