package org.slurmworkbench.workbench.security.internal;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.security.internal.UserRegistration.UsernameTakenException;
import org.slurmworkbench.workbench.shared.Problems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users", description = "Workbench users and the Slurm users they act as")
class UsersApi {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UsersApi.class);

    private final UserStore accounts;
    private final UserRegistration registration;
    private final MessageSource messages;

    private final LoginThrottle throttle;

    UsersApi(UserStore accounts, UserRegistration registration, MessageSource messages, LoginThrottle throttle) {
        this.accounts = accounts;
        this.registration = registration;
        this.messages = messages;
        this.throttle = throttle;
    }

    @DeleteMapping("/users/{username}/login-failures")
    @Operation(summary = "Clear a user name's failed logins, locks and waits, from every address (admins only)")
    ResponseEntity<Void> unlock(@PathVariable String username) {
        long cleared = throttle.unlock(username);
        log.info("Admin {} cleared the failed logins of user '{}' ({} counters)", CurrentUser.require().username(),
                LoginThrottle.printable(username), cleared);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    @Operation(summary = "The logged-in user, their role and Slurm user")
    WorkbenchUser me() {
        return CurrentUser.require();
    }

    @GetMapping("/users")
    @Operation(summary = "Every workbench user (admins only)")
    List<UserView> list() {
        return accounts.all().stream().map(UserView::of).toList();
    }

    @PostMapping("/users")
    @Operation(summary = "Add a user (admins only)",
            description = "400 names each invalid field; 409 when the username is taken.")
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    ResponseEntity<UserView> create(@Valid @RequestBody NewUser user) {
        try {
            UserView created = UserView.of(registration.register(user));
            return ResponseEntity.created(URI.create("/api/v1/users/" + created.username())).body(created);
        } catch (UsernameTakenException e) {
            String message = messages.getMessage("user.username.taken", null, LocaleContextHolder.getLocale());
            ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "Username taken", message);
            problem.setProperty("errors", List.of(Problems.field("username", message)));
            throw new ErrorResponseException(HttpStatus.CONFLICT, problem, e);
        }
    }
}
