package org.slurmworkbench.workbench.qos.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The qos_audit table: every attempted QOS edit with its outcome, newest first when read. */
@Repository
class QosAuditStore {

    /** SENT: written before the change goes to Slurm and replaced by the outcome after; one left SENT means the
     *  workbench lost its database (or died) between the two, and Slurm may hold the change. */
    enum Outcome { SENT, APPLIED, REFUSED, FAILED, DENIED }

    /** One attempt; {@code before}/{@code after} are null where there was nothing (a new QOS, a refusal). */
    record Entry(long id, Instant at, String username, String slurmUser, String cluster, String qos, String action,
                 Outcome outcome, QosLimits before, QosLimits after, List<QosLimits.Change> changes, String message) {
    }

    static final int MAX_ROWS = 500;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    QosAuditStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records an attempt; answers its id. */
    long record(String username, String slurmUser, String cluster, String qos, String action, Outcome outcome,
                QosLimits before, QosLimits after, List<QosLimits.Change> changes, String message) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO qos_audit (at_ms, username, slurm_user, cluster, qos, action, outcome, before_json,
                            after_json, changes, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Instant.now().toEpochMilli(), username, slurmUser == null ? "" : slurmUser, cluster, qos, action,
                        outcome.name(), write(before), write(after), json.writeValueAsString(changes),
                        clip(message))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The outcome of an attempt recorded as {@link Outcome#SENT}, with what Slurm shows after it. */
    void finish(long id, Outcome outcome, QosLimits after, String message) {
        jdbc.sql("UPDATE qos_audit SET outcome = ?, after_json = ?, message = ? WHERE id = ?")
                .params(outcome.name(), write(after), clip(message), id)
                .update();
    }

    /** Newest first; cluster and qos filter when not blank. */
    List<Entry> recent(String cluster, String qos, int limit) {
        return jdbc.sql("""
                        SELECT * FROM qos_audit WHERE (? = '' OR cluster = ?) AND (? = '' OR qos = ?)
                        ORDER BY at_ms DESC, id DESC LIMIT ?""")
                .params(blank(cluster), blank(cluster), blank(qos), blank(qos), Math.clamp(limit, 1, MAX_ROWS))
                .query((rs, n) -> new Entry(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at_ms")),
                        rs.getString("username"), rs.getString("slurm_user"), rs.getString("cluster"), rs.getString("qos"),
                        rs.getString("action"), Outcome.valueOf(rs.getString("outcome")), read(rs.getString("before_json")),
                        read(rs.getString("after_json")),
                        List.of(json.readValue(rs.getString("changes"), QosLimits.Change[].class)), rs.getString("message")))
                .list();
    }

    /** Slurm's messages as the message column holds them (at most 1,000 characters). */
    private static String clip(String message) {
        return message == null ? null : message.substring(0, Math.min(1000, message.length()));
    }

    private static String blank(String s) {
        return s == null ? "" : s.strip();
    }

    private String write(QosLimits limits) {
        return limits == null ? null : json.writeValueAsString(limits);
    }

    private QosLimits read(String text) {
        return text == null ? null : json.readValue(text, QosLimits.class);
    }
}
