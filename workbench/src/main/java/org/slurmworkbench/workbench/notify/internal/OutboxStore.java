package org.slurmworkbench.workbench.notify.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code notify_outbox}. A message is added under its unique key (cluster, job, kind, channel), so adding it twice
 * (two instances, a detector run again after a crash) keeps one. A sender claims due rows before it sends them (the
 * claim is what the rate counts, so it holds across a restart) and marks each sent after its channel accepted it.
 * Times are MariaDB's clock, as the leases'.
 */
@Repository
class OutboxStore {

    /** After this many tries a message is no longer sent; its last error stays for the admin. */
    static final int MAX_ATTEMPTS = 8;

    record Message(long id, String cluster, long jobId, String kind, Channel channel, String username, String recipient,
                   String subject, String body, int attempts) {
    }

    private final JdbcClient jdbc;

    OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when it was added, false when a message with that key was already there */
    boolean add(String cluster, long jobId, String kind, Channel channel, String username, String recipient,
                MessageText.Text text) {
        return jdbc.sql("""
                INSERT IGNORE INTO notify_outbox (cluster, job_id, kind, channel, username, recipient, subject, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))""")
                .params(cluster, jobId, kind, channel.name(), username, recipient, text.subject(), text.body())
                .update() == 1;
    }

    /**
     * Messages of {@code channel} claimed or delivered within the last minute: what the rate limit counts. Delivered
     * counts too: a batch claimed at once may reach the server over many seconds, and a receiver counts arrivals.
     */
    int usedInLastMinute(Channel channel) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM notify_outbox WHERE channel = :c AND (claimed_at > UTC_TIMESTAMP(3) - INTERVAL 60 SECOND
                  OR sent_at > UTC_TIMESTAMP(3) - INTERVAL 60 SECOND)""")
                .param("c", channel.name()).query(Integer.class).single();
    }

    /**
     * Claims up to {@code max} due messages of {@code channel}, oldest first: never claimed, or claimed longer than
     * {@code resendAfter} ago without being marked sent (a sender that died, or a failed try).
     */
    @Transactional
    List<Message> claim(Channel channel, int max, Duration resendAfter) {
        List<Message> due = jdbc.sql("""
                SELECT id, cluster, job_id, kind, channel, username, recipient, subject, body, attempts FROM notify_outbox
                WHERE channel = ? AND sent_at IS NULL AND attempts < ?
                  AND (claimed_at IS NULL OR claimed_at < UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND)
                ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(channel.name(), MAX_ATTEMPTS, resendAfter.toNanos() / 1000, max)
                .query((rs, n) -> new Message(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        Channel.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getInt(10)))
                .list();
        if (!due.isEmpty()) {
            jdbc.sql("UPDATE notify_outbox SET claimed_at = UTC_TIMESTAMP(3), attempts = attempts + 1 WHERE id IN (:ids)")
                    .param("ids", due.stream().map(Message::id).toList()).update();
        }
        return due;
    }

    void sent(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE notify_outbox SET sent_at = UTC_TIMESTAMP(3), last_error = NULL WHERE id IN (:ids)")
                    .param("ids", ids).update();
        }
    }

    /** A failed try: sent again after {@code resend-after}, or never when {@code final}. */
    void failed(long id, String error, boolean last) {
        String text = error == null ? "unknown" : error.length() > 500 ? error.substring(0, 500) : error;
        jdbc.sql("UPDATE notify_outbox SET last_error = ?" + (last ? ", attempts = " + MAX_ATTEMPTS : "") + " WHERE id = ?")
                .params(text, id).update();
    }
}
