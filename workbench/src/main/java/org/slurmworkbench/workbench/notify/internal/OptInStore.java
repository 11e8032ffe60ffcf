package org.slurmworkbench.workbench.notify.internal;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slurmworkbench.workbench.notify.JobNotifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code notify_job}: the jobs someone opted in for, until their end has been dealt with. */
@Repository
class OptInStore implements JobNotifications {

    private final JdbcClient jdbc;
    private final ProfileStore profiles;
    private final MailChannel mail;

    OptInStore(JdbcClient jdbc, ProfileStore profiles, MailChannel mail) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.mail = mail;
    }

    @Override
    public Choices defaults(String username) {
        return profiles.findOrEmpty(username).defaults();
    }

    @Override
    public boolean reachable(String username) {
        Profile p = profiles.findOrEmpty(username);
        return p.email() != null && mail.available() || p.webhookUrl() != null;
    }

    @Override
    public void optIn(String cluster, long jobId, String username, String slurmUser, Choices choices) {
        if (!choices.any()) {
            return;
        }
        jdbc.sql("""
                INSERT IGNORE INTO notify_job (cluster, job_id, username, slurm_user, on_end, on_fail, time_share, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))""")
                .params(cluster, jobId, username, slurmUser, choices.onEnd(), choices.onFail(), choices.timeSharePercent())
                .update();
    }

    /** Opt-ins whose end has not been dealt with, oldest first, at most {@code limit}. */
    List<OptIn> open(int limit) {
        return jdbc.sql("""
                SELECT cluster, job_id, username, slurm_user, on_end, on_fail, time_share, time_done, created_at
                FROM notify_job WHERE end_done = FALSE ORDER BY created_at LIMIT ?""").param(limit)
                .query((rs, n) -> new OptIn(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        new Choices(rs.getBoolean(5), rs.getBoolean(6), rs.getObject(7, Integer.class)), rs.getBoolean(8),
                        rs.getObject(9, LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                .list();
    }

    void endDone(OptIn o) {
        jdbc.sql("UPDATE notify_job SET end_done = TRUE WHERE cluster = ? AND job_id = ?").params(o.cluster(), o.jobId())
                .update();
    }

    void timeDone(OptIn o) {
        jdbc.sql("UPDATE notify_job SET time_done = TRUE WHERE cluster = ? AND job_id = ?").params(o.cluster(), o.jobId())
                .update();
    }
}
