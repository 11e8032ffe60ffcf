package org.slurmworkbench.workbench.notify.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.shared.Problems;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A user's notification settings: their own, or (admins) anyone's; nobody else's. */
@RestController
@RequestMapping("/api/v1/notifications/settings")
@Tag(name = "Notifications", description = "Where job-end messages go and what the submit form asks for by default")
class NotifySettingsApi {

    private final ProfileStore profiles;
    private final SettingsCheck check;

    NotifySettingsApi(ProfileStore profiles, SettingsCheck check) {
        this.profiles = profiles;
        this.check = check;
    }

    @GetMapping
    @Operation(summary = "Your notification settings")
    Settings mine() {
        return Settings.of(profiles.findOrEmpty(CurrentUser.require().username()));
    }

    @PutMapping
    @Operation(summary = "Save your notification settings (a webhook host must be one an admin allows)")
    Settings saveMine(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Settings.class)))
            @RequestBody JsonNode body) {
        return save(CurrentUser.require().username(), body);
    }

    @GetMapping("/{username}")
    @Operation(summary = "A user's notification settings: your own, or anyone's for admins")
    Settings of(@PathVariable String username) {
        return Settings.of(profiles.findOrEmpty(allowed(username)));
    }

    @PutMapping("/{username}")
    @Operation(summary = "Save a user's notification settings: your own, or anyone's for admins")
    Settings save(@PathVariable String username, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Settings.class)))
            @RequestBody JsonNode body) {
        String who = allowed(username);
        Settings settings = strict(body);
        Map<String, String> problems = check.problems(settings, LocaleContextHolder.getLocale());
        if (!problems.isEmpty()) {
            List<Map<String, String>> errors = problems.entrySet().stream()
                    .map(e -> Problems.field(e.getKey(), e.getValue())).toList();
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.invalid(errors), null);
        }
        Profile saved = settings.toProfile(who, profiles.findOrEmpty(who));
        profiles.save(saved);
        return Settings.of(saved);
    }

    /**
     * Reads the settings without Jackson's coercions (a number taken for a flag or a text), which would save something
     * other than what was sent.
     */
    static Settings strict(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw FieldProblems.invalid("body", "must be a JSON object of settings");
        }
        if (body.size() == 0) {
            // an empty object would clear every setting: a mistake more often than a wish
            throw FieldProblems.invalid("body", "must name at least one setting");
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw FieldProblems.invalid(name, "is not a known field");
            }
        }
        return new Settings(text(body, "email"), flag(body, "emailFromSite"), text(body, "webhookUrl"),
                flag(body, "onEnd"), flag(body, "onFail"), whole(body, "timeSharePercent"), text(body, "language"));
    }

    private static final List<String> FIELDS = List.of("email", "emailFromSite", "webhookUrl", "onEnd", "onFail",
            "timeSharePercent", "language");

    private static String text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw FieldProblems.invalid(name, "must be a string");
        }
        return v.asString();
    }

    private static Boolean flag(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw FieldProblems.invalid(name, "must be true or false");
        }
        return v.asBoolean();
    }

    private static Integer whole(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw FieldProblems.invalid(name, "must be a whole number");
        }
        return v.asInt();
    }

    private static String allowed(String username) {
        WorkbenchUser me = CurrentUser.require();
        if (!me.isAdmin() && !me.username().equals(username)) {
            throw Problems.exception(HttpStatus.FORBIDDEN, "Forbidden", "Only " + username + " and admins see or change "
                    + username + "'s notification settings");
        }
        return username;
    }
}
