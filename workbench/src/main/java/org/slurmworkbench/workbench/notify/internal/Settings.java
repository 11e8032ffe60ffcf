package org.slurmworkbench.workbench.notify.internal;

import org.slurmworkbench.workbench.notify.JobNotifications.Choices;

/**
 * A user's notification settings as the API and the profile form carry them; blank strings mean "none".
 * {@code emailFromSite} is only answered (the address came from the site's directory).
 */
record Settings(String email, Boolean emailFromSite, String webhookUrl, Boolean onEnd, Boolean onFail,
                Integer timeSharePercent, String language) {

    static Settings of(Profile p) {
        return new Settings(p.email(), p.emailFromSite(), p.webhookUrl(), p.defaults().onEnd(), p.defaults().onFail(),
                p.defaults().timeSharePercent(), p.language());
    }

    /** The profile to save: an address typed by the user is theirs (no longer renewed from the directory). */
    Profile toProfile(String username, Profile before) {
        String mail = blank(email);
        boolean fromSite = mail != null && before.emailFromSite() && mail.equals(before.email());
        return new Profile(username, mail, fromSite, blank(webhookUrl),
                new Choices(Boolean.TRUE.equals(onEnd), Boolean.TRUE.equals(onFail), timeSharePercent),
                language == null || language.isBlank() ? "en" : language);
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
