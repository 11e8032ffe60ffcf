package org.slurmworkbench.workbench.accounting.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code acct_sync_cursor}: per cluster, how far the incremental sync and a running backfill have come. */
@Repository
class SyncCursorStore {

    record Cursor(String cluster, Instant syncedUntil, Instant backfillFrom, Instant backfillTo, Instant backfillDone,
                  int lastJobs, String lastError) {

        boolean backfillPending() {
            return backfillTo != null && (backfillDone == null || backfillDone.isBefore(backfillTo));
        }
    }

    private final JdbcClient jdbc;

    SyncCursorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Cursor> find(String cluster) {
        return jdbc.sql("SELECT * FROM acct_sync_cursor WHERE cluster = ?").param(cluster).query(SyncCursorStore::map).optional();
    }

    List<Cursor> all() {
        return jdbc.sql("SELECT * FROM acct_sync_cursor ORDER BY cluster").query(SyncCursorStore::map).list();
    }

    void syncedUntil(String cluster, Instant until, int jobs) {
        jdbc.sql("""
                INSERT INTO acct_sync_cursor (cluster, synced_until, last_jobs, last_error) VALUES (?, ?, ?, NULL)
                ON DUPLICATE KEY UPDATE synced_until = VALUES(synced_until), last_jobs = VALUES(last_jobs), last_error = NULL""")
                .params(cluster, JobStore.utc(until), jobs).update();
    }

    void failed(String cluster, String error) {
        String e = error == null ? "unknown error" : error.length() > 500 ? error.substring(0, 500) : error;
        jdbc.sql("INSERT INTO acct_sync_cursor (cluster, last_error) VALUES (?, ?) ON DUPLICATE KEY UPDATE last_error = VALUES(last_error)")
                .params(cluster, e).update();
    }

    void backfillStarted(String cluster, Instant from, Instant to) {
        jdbc.sql("""
                INSERT INTO acct_sync_cursor (cluster, backfill_from, backfill_to, backfill_done) VALUES (?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE backfill_from = VALUES(backfill_from), backfill_to = VALUES(backfill_to),
                  backfill_done = VALUES(backfill_done)""")
                .params(cluster, JobStore.utc(from), JobStore.utc(to), JobStore.utc(from)).update();
    }

    void backfillDone(String cluster, Instant done) {
        jdbc.sql("UPDATE acct_sync_cursor SET backfill_done = ? WHERE cluster = ?").params(JobStore.utc(done), cluster).update();
    }

    private static Cursor map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Cursor(rs.getString("cluster"), instant(rs, "synced_until"), instant(rs, "backfill_from"),
                instant(rs, "backfill_to"), instant(rs, "backfill_done"), rs.getInt("last_jobs"), rs.getString("last_error"));
    }

    static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
