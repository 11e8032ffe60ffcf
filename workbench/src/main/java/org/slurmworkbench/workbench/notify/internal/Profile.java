package org.slurmworkbench.workbench.notify.internal;

import java.util.Locale;
import org.slurmworkbench.workbench.notify.JobNotifications.Choices;

/**
 * A user's notification settings: where messages go (null: not there), whether the address came from the site's
 * directory, the choices the submit form starts with, and the language messages are written in ({@code en}, {@code zh}).
 */
record Profile(String username, String email, boolean emailFromSite, String webhookUrl, Choices defaults,
               String language) {

    static Profile empty(String username) {
        return new Profile(username, null, false, null, Choices.NONE, "en");
    }

    Locale locale() {
        return "zh".equals(language) ? Locale.CHINESE : Locale.ENGLISH;
    }
}
