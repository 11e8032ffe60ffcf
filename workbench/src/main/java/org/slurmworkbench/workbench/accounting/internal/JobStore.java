package org.slurmworkbench.workbench.accounting.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sync's one write path: batched idempotent writes into {@code acct_job} ({@link JobTableLoad}) and, in the same
 * transaction, the daily, monthly and yearly rollups changed by exactly what the batch changed ({@link RollupDeltas}):
 * each stored version a row replaces is read (and locked) first and subtracted, the new one added. So the rollups stay equal to a
 * GROUP BY of the job table, whatever changed in a job, without re-reading whole days.
 */
@Repository
class JobStore {

    private static final String STORED = """
            SELECT end_time, user_name, account, partition_name, qos, state, cpu_seconds, gpu_seconds, wait_seconds,
              elapsed_seconds, cpu_used_ms, nodes, memory_mb, max_rss_bytes, time_limit_min
              FROM acct_job WHERE cluster = ? AND end_time IS NOT NULL AND job_id IN (%s) FOR UPDATE""";

    /** The rollups' measures, in the order of {@link RollupDeltas.Sums#values()}. */
    private static final List<String> MEASURES = List.of("jobs", "cpu_seconds", "gpu_seconds", "wait_seconds",
            "started_jobs", "elapsed_seconds", "measured_jobs", "measured_cpu_seconds", "cpu_used_ms", "low_cpu_jobs",
            "mem_jobs", "mem_requested_mb_seconds", "mem_peak_mb_seconds", "mem_requested_mb", "mem_peak_mb",
            "mem_efficiency_ppm", "limit_jobs", "limit_use_ppm", "low_limit_jobs");

    /** Adds deltas to rollup rows, creating those absent. Table and period column come from {@link #ROLLUPS}. */
    private static final String ADD_HEAD = "INSERT INTO %s (cluster, %s, user_name, account, partition_name, qos, state, "
            + String.join(", ", MEASURES) + ") VALUES ";
    private static final String ADD_TAIL = " ON DUPLICATE KEY UPDATE "
            + String.join(", ", MEASURES.stream().map(m -> m + " = " + m + " + VALUES(" + m + ")").toList());

    private static final String DROP_EMPTY = """
            DELETE FROM %s WHERE cluster = ? AND %s = ? AND user_name = ? AND account = ? AND partition_name = ?
              AND qos = ? AND state = ? AND jobs = 0""";

    private static final Map<String, String> ROLLUPS = Map.of("acct_daily", "day", "acct_monthly", "month",
            "acct_yearly", "year");

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;

    JobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Upserts the rows and moves the rollups by what they change. @return rollup rows changed */
    @Transactional
    public int save(String cluster, List<JobRow> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        // A job listed twice ends as its last record, as the upsert leaves it; ids in order, so two writers lock
        // job rows in the same order.
        Map<Long, JobRow> latest = new TreeMap<>();
        rows.forEach(r -> latest.put(r.jobId(), r));
        List<JobRow> unique = List.copyOf(latest.values());
        RollupDeltas deltas = new RollupDeltas();
        stored(cluster, List.copyOf(latest.keySet()), deltas);
        JobTableLoad.replace(jdbc, unique);
        unique.forEach(r -> deltas.add(RollupDeltas.Counted.of(r)));
        return apply("acct_daily", cluster, deltas.daily()) + apply("acct_monthly", cluster, deltas.monthly())
                + apply("acct_yearly", cluster, deltas.yearly());
    }

    /** Subtracts the finished versions these jobs have now, locking them until the transaction ends. */
    private void stored(String cluster, List<Long> ids, RollupDeltas deltas) {
        for (int i = 0; i < ids.size(); i += BATCH) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + BATCH));
            List<Object> args = new ArrayList<>();
            args.add(cluster);
            args.addAll(chunk);
            jdbc.query(STORED.formatted(Filters.placeholders(chunk.size())), rs -> {
                long waited = rs.getLong("wait_seconds");
                Long wait = rs.wasNull() ? null : waited;
                long usedMs = rs.getLong("cpu_used_ms");
                Long used = rs.wasNull() ? null : usedMs;
                long rss = rs.getLong("max_rss_bytes");
                Long maxRss = rs.wasNull() ? null : rss;
                int limit = rs.getInt("time_limit_min");
                Integer timeLimit = rs.wasNull() ? null : limit;
                deltas.subtract(new RollupDeltas.Counted(rs.getObject("end_time", LocalDateTime.class).toLocalDate(),
                        rs.getString("user_name"), rs.getString("account"), rs.getString("partition_name"),
                        rs.getString("qos"), rs.getString("state"), rs.getLong("cpu_seconds"), rs.getLong("gpu_seconds"),
                        wait, rs.getLong("elapsed_seconds"), used, rs.getInt("nodes"), rs.getLong("memory_mb"),
                        maxRss, timeLimit));
            }, args.toArray());
        }
    }

    private int apply(String table, String cluster, Map<RollupDeltas.Key, RollupDeltas.Sums> changes) {
        if (changes.isEmpty()) {
            return 0;
        }
        String period = ROLLUPS.get(table);
        var entries = List.copyOf(changes.entrySet());
        add(table, cluster).run(jdbc, entries);
        // Only rows that lost jobs can have reached zero.
        var shrunk = entries.stream().filter(e -> e.getValue().jobs < 0).toList();
        if (!shrunk.isEmpty()) {
            jdbc.batchUpdate(DROP_EMPTY.formatted(table, period), shrunk, BATCH,
                    (ps, e) -> {
                        ps.setString(1, cluster);
                        keyParameters(ps, 2, e.getKey());
                    });
        }
        return entries.size();
    }

    private static MultiRowInsert<Map.Entry<RollupDeltas.Key, RollupDeltas.Sums>> add(String table, String cluster) {
        return new MultiRowInsert<>(ADD_HEAD.formatted(table, ROLLUPS.get(table)), 7 + MEASURES.size(), ADD_TAIL,
                (ps, i, e) -> {
                    ps.setString(i, cluster);
                    keyParameters(ps, i + 1, e.getKey());
                    long[] values = e.getValue().values();
                    for (int v = 0; v < values.length; v++) {
                        ps.setLong(i + 7 + v, values[v]);
                    }
                });
    }

    /** The six key columns after cluster, from {@code i} on. */
    private static void keyParameters(PreparedStatement ps, int i, RollupDeltas.Key k) throws SQLException {
        ps.setObject(i, k.period());
        ps.setString(i + 1, k.user());
        ps.setString(i + 2, k.account());
        ps.setString(i + 3, k.partition());
        ps.setString(i + 4, k.qos());
        ps.setString(i + 5, k.state());
    }

    static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    static LocalDateTime utc(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
