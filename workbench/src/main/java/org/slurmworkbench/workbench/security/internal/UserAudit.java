package org.slurmworkbench.workbench.security.internal;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The user_audit table: every user administration attempt with its outcome, newest first when read; each also
 * logged in the form of the other admin actions ("Admin x ... user 'y'").
 */
@Repository
class UserAudit {

    private static final Logger log = LoggerFactory.getLogger(UserAudit.class);

    enum Action { CREATE, EDIT, DISABLE, ENABLE, RESET_PASSWORD, DELETE, UNLOCK }

    enum Outcome { DONE, REFUSED }

    record Entry(Instant at, String actor, String username, Action action, Outcome outcome, String details, String reason) {
    }

    static final int SHOWN = 20;

    private final JdbcClient jdbc;

    UserAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String actor, String username, Action action, Outcome outcome, String details) {
        record(actor, username, action, outcome, details, null);
    }

    /** @param reason a refusal's message key, or null */
    void record(String actor, String username, Action action, Outcome outcome, String details, String reason) {
        String clipped = details.length() > 1000 ? details.substring(0, 1000) : details;
        jdbc.sql("INSERT INTO user_audit (at_ms, actor, username, action, outcome, details, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(Instant.now().toEpochMilli(), clip(actor), clip(username), action.name(), outcome.name(), clipped,
                        reason).update();
        log.info("Admin {} {} user '{}': {} ({}{})", actor, action, LoginThrottle.printable(username), outcome, clipped,
                reason == null ? "" : "; " + reason);
    }

    /** A name as the 64-character columns hold it (an unlocked name is whatever was typed at the login). */
    private static String clip(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }

    /** Newest first, of one user when {@code username} is not null. */
    List<Entry> recent(String username) {
        return jdbc.sql("""
                        SELECT * FROM user_audit WHERE (? IS NULL OR username = ?) ORDER BY at_ms DESC, id DESC LIMIT ?""")
                .params(username, username, SHOWN)
                .query((rs, n) -> new Entry(Instant.ofEpochMilli(rs.getLong("at_ms")), rs.getString("actor"),
                        rs.getString("username"), Action.valueOf(rs.getString("action")),
                        Outcome.valueOf(rs.getString("outcome")), rs.getString("details"), rs.getString("reason")))
                .list();
    }
}
