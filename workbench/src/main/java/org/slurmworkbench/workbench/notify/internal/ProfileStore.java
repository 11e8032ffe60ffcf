package org.slurmworkbench.workbench.notify.internal;

import java.util.Optional;
import org.slurmworkbench.workbench.notify.JobNotifications.Choices;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code notify_profile}: one row per user who saved settings or logged in through a directory that gives a mail address. */
@Repository
class ProfileStore {

    private final JdbcClient jdbc;

    ProfileStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Profile> find(String username) {
        return jdbc.sql("SELECT username, email, email_from_site, webhook_url, on_end, on_fail, time_share, language "
                        + "FROM notify_profile WHERE username = ?").param(username)
                .query((rs, n) -> new Profile(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        new Choices(rs.getBoolean(5), rs.getBoolean(6), rs.getObject(7, Integer.class)), rs.getString(8)))
                .optional();
    }

    Profile findOrEmpty(String username) {
        return find(username).orElseGet(() -> Profile.empty(username));
    }

    /** Saves what the user typed: an address they give is theirs from now on, no longer renewed from the directory. */
    void save(Profile p) {
        jdbc.sql("""
                INSERT INTO notify_profile (username, email, email_from_site, webhook_url, on_end, on_fail, time_share,
                  language, updated_at) VALUES (:u, :email, :fromSite, :hook, :end, :fail, :share, :lang, UTC_TIMESTAMP(3))
                ON DUPLICATE KEY UPDATE email = :email, email_from_site = :fromSite, webhook_url = :hook, on_end = :end,
                  on_fail = :fail, time_share = :share, language = :lang, updated_at = UTC_TIMESTAMP(3)""")
                .param("u", p.username()).param("email", p.email()).param("fromSite", p.emailFromSite())
                .param("hook", p.webhookUrl()).param("end", p.defaults().onEnd()).param("fail", p.defaults().onFail())
                .param("share", p.defaults().timeSharePercent()).param("lang", p.language()).update();
    }

    /** The directory's address, unless the user typed one of their own (MariaDB assigns left to right). */
    void siteMail(String username, String mail) {
        jdbc.sql("""
                INSERT INTO notify_profile (username, email, email_from_site, updated_at)
                VALUES (:u, :mail, TRUE, UTC_TIMESTAMP(3))
                ON DUPLICATE KEY UPDATE email_from_site = (email_from_site OR email IS NULL),
                  email = IF(email_from_site, :mail, email)""")
                .param("u", username).param("mail", mail).update();
    }
}
