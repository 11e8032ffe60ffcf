package org.slurmworkbench.workbench.notify.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The checks of settings before they are saved, one message per bad field, in the reader's language. */
@Component
class SettingsCheck {

    /** One @, no spaces or angle brackets, a dot in the domain: what a mail server takes, not the whole RFC 5322. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>,;\"]+@[^\\s@<>,;\"]+\\.[^\\s@<>,;\"]+");

    private final WebhookPolicy webhooks;
    private final MessageSource messages;

    SettingsCheck(WebhookPolicy webhooks, MessageSource messages) {
        this.webhooks = webhooks;
        this.messages = messages;
    }

    /** @return message by field name, empty when the settings may be saved */
    Map<String, String> problems(Settings s, Locale locale) {
        Map<String, String> problems = new LinkedHashMap<>();
        String email = Settings.blank(s.email());
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            problems.put("email", messages.getMessage("notify.error.email", null, locale));
        }
        String url = Settings.blank(s.webhookUrl());
        if (url != null) {
            WebhookPolicy.Refusal refused = url.length() > 2000 ? new WebhookPolicy.Refusal("url", "", null)
                    : webhooks.check(url);
            if (refused != null) {
                problems.put("webhookUrl", messages.getMessage(refused.messageKey(), refused.args(), locale));
            }
        }
        if (s.timeSharePercent() != null && (s.timeSharePercent() < 1 || s.timeSharePercent() > 100)) {
            problems.put("timeSharePercent", messages.getMessage("notify.error.timeShare", null, locale));
        }
        if (s.language() != null && !s.language().isBlank() && !s.language().equals("en") && !s.language().equals("zh")) {
            problems.put("language", messages.getMessage("notify.error.language", null, locale));
        }
        return problems;
    }
}
