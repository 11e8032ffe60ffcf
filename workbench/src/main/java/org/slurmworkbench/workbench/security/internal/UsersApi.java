package org.slurmworkbench.workbench.security.internal;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users", description = "Workbench users and the Slurm users they act as")
class UsersApi {

    private final UserStore accounts;
    private final UserRegistration registration;
    private final UserChanges changes;
    private final MessageSource messages;

    UsersApi(UserStore accounts, UserRegistration registration, UserChanges changes, MessageSource messages) {
        this.accounts = accounts;
        this.registration = registration;
        this.changes = changes;
        this.messages = messages;
    }

    /** A new password the workbench made; shown in this answer only. */
    record NewPassword(String username, String password) {
    }

    @DeleteMapping("/users/{username}/login-failures")
    @Operation(summary = "Clear a user name's failed logins, locks and waits, from every address (admins only)")
    ResponseEntity<Void> unlock(@PathVariable String username) {
        changes.unlock(CurrentUser.require(), username);
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

    @GetMapping("/users/{username}")
    @Operation(summary = "One workbench user (admins only); 404 when there is none")
    UserView get(@PathVariable String username) {
        return call(() -> UserView.of(changes.find(username)));
    }

    @PostMapping("/users")
    @Operation(summary = "Add a user (admins only)",
            description = "400 names each invalid field (a Slurm user slurmdbd does not know too); 409 when the username is taken.")
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The username is taken", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    ResponseEntity<UserView> create(@Valid @RequestBody NewUser user) {
        try {
            UserView created = call(() -> UserView.of(registration.register(CurrentUser.require(), user)));
            return ResponseEntity.created(URI.create("/api/v1/users/" + created.username())).body(created);
        } catch (UsernameTakenException e) {
            String message = messages.getMessage("user.username.taken", null, LocaleContextHolder.getLocale());
            ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "Username taken", message);
            problem.setProperty("errors", List.of(Problems.field("username", message)));
            throw new ErrorResponseException(HttpStatus.CONFLICT, problem, e);
        }
    }

    @PatchMapping("/users/{username}")
    @Operation(summary = "Change a user's role, Slurm user or enabled flag; fields left out stay (admins only)",
            description = "400 names an invalid field (a Slurm user slurmdbd does not know too); 409 when the change would "
                    + "demote or disable oneself or the last enabled admin; 404 when there is no such user. Disabling "
                    + "or changing a user ends their sessions.")
    @ApiResponse(responseCode = "409", description = "The change would demote or disable oneself or the last enabled admin", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "200", description = "The user as changed", useReturnTypeSchema = true)
    UserView edit(@PathVariable String username, @Valid @RequestBody UserEdit edit) {
        WorkbenchUser me = CurrentUser.require();
        return call(() -> {
            changes.edit(me, username, edit.role(), edit.slurmUser());
            if (edit.enabled() != null) {
                changes.setEnabled(me, username, edit.enabled());
            }
            return UserView.of(changes.find(username));
        });
    }

    @PostMapping("/users/{username}/password")
    @Operation(summary = "Reset a user's password (admins only)",
            description = "With a password (at least 8 characters, at most 72 bytes): sets it, 204. Without one (no body "
                    + "or {}): the workbench makes one and answers it, 200, this once. Ends the user's other sessions. "
                    + "409 for a user who logs in through LDAP or Kerberos.")
    @ApiResponse(responseCode = "200", description = "The password the workbench made, shown this once", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "204", description = "The typed password is set")
    @ApiResponse(responseCode = "409", description = "The user logs in through LDAP or Kerberos", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    ResponseEntity<NewPassword> resetPassword(@PathVariable String username,
                                              @Valid @RequestBody(required = false) PasswordReset reset) {
        String typed = reset == null ? null : reset.password();
        String generated = call(() -> changes.resetPassword(CurrentUser.require(), username, typed));
        return generated == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(new NewPassword(username, generated));
    }

    @DeleteMapping("/users/{username}")
    @Operation(summary = "Delete a user (admins only)",
            description = "409 for oneself and for the last enabled admin; 404 when there is no such user. Ends the "
                    + "user's sessions; their jobs in Slurm stay.")
    @ApiResponse(responseCode = "409", description = "Oneself, or the last enabled admin", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    ResponseEntity<Void> delete(@PathVariable String username) {
        call(() -> {
            changes.delete(CurrentUser.require(), username);
            return null;
        });
        return ResponseEntity.noContent().build();
    }

    /** Runs a change, answering its refusals as problem details in the request's language. */
    private <T> T call(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (UserChanges.NoSuchUserException e) {
            throw Problems.exception(HttpStatus.NOT_FOUND, "No such user", e.getMessage());
        } catch (UserChanges.RefusedException e) {
            String message = messages.getMessage(e.key, e.args, LocaleContextHolder.getLocale());
            ProblemDetail problem = e.field == null ? Problems.of(e.status, "Refused", message)
                    : Problems.fields(e.status, "Invalid request", List.of(Problems.field(e.field, message)), false);
            throw new ErrorResponseException(e.status, problem, e);
        }
    }
}
