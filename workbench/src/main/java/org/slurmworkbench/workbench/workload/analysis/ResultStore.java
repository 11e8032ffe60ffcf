package org.slurmworkbench.workbench.workload.analysis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.slurmworkbench.workbench.workload.run.RunStore;
import org.slurmworkbench.workbench.workload.run.SlurmJobs;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** What Slurm reported of a run's jobs ({@code wl_result}): written by the analysis, read back for every metric. */
@Repository
public class ResultStore { // public for run.WorkloadBench only

    private static final int BATCH = 1000;
    private static final String UPSERT = """
            INSERT INTO wl_result (run_id, slurm_job_id, seq, user_name, cpus, gpus, state, submit_time, start_time, end_time)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            ON DUPLICATE KEY UPDATE seq = VALUES(seq), user_name = VALUES(user_name), cpus = VALUES(cpus),
              gpus = VALUES(gpus), state = VALUES(state), submit_time = VALUES(submit_time),
              start_time = VALUES(start_time), end_time = VALUES(end_time)""";

    private final JdbcTemplate jdbc;

    ResultStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void save(String runId, List<SlurmJobs.Result> results) {
        for (int i = 0; i < results.size(); i += BATCH) {
            List<SlurmJobs.Result> chunk = results.subList(i, Math.min(results.size(), i + BATCH));
            jdbc.batchUpdate(UPSERT, chunk, chunk.size(), (ps, r) -> {
                ps.setString(1, runId);
                ps.setLong(2, r.slurmJobId());
                ps.setInt(3, r.seq());
                ps.setString(4, r.user());
                ps.setInt(5, r.cpus());
                ps.setInt(6, r.gpus());
                ps.setString(7, r.state());
                ps.setObject(8, RunStore.utc(r.submit()), Types.TIMESTAMP);
                ps.setObject(9, RunStore.utc(r.start()), Types.TIMESTAMP);
                ps.setObject(10, RunStore.utc(r.end()), Types.TIMESTAMP);
            });
        }
    }

    /**
     * The run's Slurm jobs in submission order. Read in primary-key order (no sort in MariaDB: the rows come straight
     * off the index) by column position, then put in submission order here, where they mostly are already.
     */
    public List<RunMetrics.JobTimes> read(String runId) {
        List<RunMetrics.JobTimes> jobs = jdbc.query("""
                SELECT slurm_job_id, seq, user_name, cpus, gpus, state, submit_time, start_time, end_time
                FROM wl_result WHERE run_id = ? ORDER BY slurm_job_id""", (rs, i) -> new RunMetrics.JobTimes(
                rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getString(6),
                instant(rs, 7), instant(rs, 8), instant(rs, 9)), runId);
        jobs.sort(Comparator.comparingInt(RunMetrics.JobTimes::seq)); // stable: by Slurm id within a seq (array tasks)
        return jobs;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
