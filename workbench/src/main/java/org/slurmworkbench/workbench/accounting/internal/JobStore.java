package org.slurmworkbench.workbench.accounting.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sync's one write path: batched idempotent upserts into {@code acct_job}, then the daily rollup of every
 * affected (cluster, day) recomputed from the job table in the same transaction. Recomputing whole days instead of
 * applying deltas keeps the rollup exactly equal to a GROUP BY of the job table, whatever changed in a job.
 */
@Repository
public class JobStore {

    private static final String UPSERT = """
            INSERT INTO acct_job (cluster, job_id, array_job_id, array_task_id, het_job_id, het_job_offset, user_name,
              account, partition_name, qos, state, exit_code, submit_time, eligible_time, start_time, end_time, cpus, nodes,
              gpus, memory_mb, time_limit_min, elapsed_seconds, cpu_seconds, gpu_seconds, wait_seconds, job_name)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            ON DUPLICATE KEY UPDATE array_job_id = VALUES(array_job_id), array_task_id = VALUES(array_task_id),
              het_job_id = VALUES(het_job_id), het_job_offset = VALUES(het_job_offset),
              user_name = VALUES(user_name), account = VALUES(account), partition_name = VALUES(partition_name),
              qos = VALUES(qos), state = VALUES(state), exit_code = VALUES(exit_code), submit_time = VALUES(submit_time),
              eligible_time = VALUES(eligible_time), start_time = VALUES(start_time), end_time = VALUES(end_time),
              cpus = VALUES(cpus), nodes = VALUES(nodes), gpus = VALUES(gpus), memory_mb = VALUES(memory_mb),
              time_limit_min = VALUES(time_limit_min), elapsed_seconds = VALUES(elapsed_seconds),
              cpu_seconds = VALUES(cpu_seconds), gpu_seconds = VALUES(gpu_seconds), wait_seconds = VALUES(wait_seconds),
              job_name = VALUES(job_name)""";

    private static final String ROLLUP_DAY = """
            INSERT INTO acct_daily (cluster, day, user_name, account, partition_name, qos, state, jobs, cpu_seconds,
              gpu_seconds, wait_seconds, started_jobs, elapsed_seconds)
            SELECT cluster, DATE(end_time), user_name, account, partition_name, qos, state, COUNT(*), SUM(cpu_seconds),
              SUM(gpu_seconds), COALESCE(SUM(wait_seconds), 0), COUNT(wait_seconds), SUM(elapsed_seconds)
            FROM acct_job WHERE cluster = ? AND end_time >= ? AND end_time < ?
            GROUP BY cluster, DATE(end_time), user_name, account, partition_name, qos, state""";

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;

    JobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Upserts the rows and recomputes the rollup of every day they end on, now or before. @return days touched */
    @Transactional
    public int save(String cluster, List<JobRow> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Set<LocalDate> days = new TreeSet<>(previousEndDays(cluster, rows));
        for (int i = 0; i < rows.size(); i += BATCH) {
            List<JobRow> chunk = rows.subList(i, Math.min(rows.size(), i + BATCH));
            jdbc.batchUpdate(UPSERT, chunk, chunk.size(), JobStore::bind);
        }
        rows.stream().filter(r -> r.end() != null).forEach(r -> days.add(day(r.end())));
        recompute(cluster, days);
        return days.size();
    }

    /** Rebuilds the rollup rows of these days from the job table. */
    void recompute(String cluster, Collection<LocalDate> days) {
        for (LocalDate d : days) {
            jdbc.update("DELETE FROM acct_daily WHERE cluster = ? AND day = ?", cluster, d);
            jdbc.update(ROLLUP_DAY, cluster, d.atStartOfDay(), d.plusDays(1).atStartOfDay());
        }
    }

    /** End days the stored versions of these jobs had: a changed end time must also fix its old day. */
    private Set<LocalDate> previousEndDays(String cluster, List<JobRow> rows) {
        Set<LocalDate> out = new TreeSet<>();
        List<Long> ids = rows.stream().map(JobRow::jobId).toList();
        for (int i = 0; i < ids.size(); i += BATCH) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + BATCH));
            String marks = chunk.stream().map(x -> "?").collect(Collectors.joining(","));
            List<Object> args = new ArrayList<>();
            args.add(cluster);
            args.addAll(chunk);
            jdbc.query("SELECT DISTINCT DATE(end_time) FROM acct_job WHERE cluster = ? AND end_time IS NOT NULL AND job_id IN ("
                    + marks + ")", rs -> {
                out.add(rs.getObject(1, LocalDate.class));
            }, args.toArray());
        }
        return out;
    }

    static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    static LocalDateTime utc(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static void bind(PreparedStatement ps, JobRow r) throws SQLException {
        int i = 1;
        ps.setString(i++, r.cluster());
        ps.setLong(i++, r.jobId());
        setLong(ps, i++, r.arrayJobId());
        setInt(ps, i++, r.arrayTaskId());
        setLong(ps, i++, r.hetJobId());
        setInt(ps, i++, r.hetJobOffset());
        ps.setString(i++, r.user());
        ps.setString(i++, r.account());
        ps.setString(i++, r.partition());
        ps.setString(i++, r.qos());
        ps.setString(i++, r.state());
        setInt(ps, i++, r.exitCode());
        for (Instant t : new Instant[] {r.submit(), r.eligible(), r.start(), r.end()}) {
            ps.setObject(i++, utc(t), Types.TIMESTAMP);
        }
        ps.setInt(i++, r.cpus());
        ps.setInt(i++, r.nodes());
        ps.setInt(i++, r.gpus());
        ps.setLong(i++, r.memoryMb());
        setInt(ps, i++, r.timeLimitMinutes());
        ps.setLong(i++, r.elapsedSeconds());
        ps.setLong(i++, r.cpuSeconds());
        ps.setLong(i++, r.gpuSeconds());
        setLong(ps, i++, r.waitSeconds());
        ps.setString(i, r.name());
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v);
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER); else ps.setInt(i, v);
    }
}
