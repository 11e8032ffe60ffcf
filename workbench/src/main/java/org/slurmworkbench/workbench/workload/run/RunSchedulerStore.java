package org.slurmworkbench.workbench.workload.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slurmworkbench.slurm.Diag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a run recorded of the scheduler ({@code wl_run_diag}: its /diag readings) and of the cluster it ran on
 * ({@code wl_run_cluster}), both as JSON of the records they hold.
 */
@Repository
public class RunSchedulerStore {

    /** Why a reading was taken: at the start, every step while the run went on, at the end. */
    public enum Phase { START, STEP, END }

    /** One stored reading. */
    public record Reading(int seq, Phase phase, Instant takenAt, Diag diag) {
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    RunSchedulerStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Adds a reading (without the RPCs by user: they name people and the run needs only the totals). */
    void add(String runId, Phase phase, Diag diag) {
        Diag kept = new Diag(diag.requestTime(), diag.statisticsSince(), diag.serverThreadCount(),
                diag.agentQueueSize(), diag.jobsSubmitted(), diag.jobsStarted(), diag.jobsCompleted(),
                diag.jobsCanceled(), diag.jobsFailed(), diag.jobsPending(), diag.jobsRunning(),
                diag.scheduleCycleLastMicros(), diag.scheduleCycleMeanMicros(), diag.scheduleCycleMaxMicros(),
                diag.scheduleCycleCount(), diag.backfillCycleLastMicros(), diag.backfillCycleMeanMicros(),
                diag.backfillCycleCount(), diag.backfilledJobs(), diag.main(), diag.backfill(), diag.agents(),
                diag.rpcsByType(), List.of());
        Instant at = diag.requestTime() == null ? Instant.now() : diag.requestTime();
        jdbc.update("""
                INSERT INTO wl_run_diag (run_id, seq, phase, taken_at, diag)
                SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM wl_run_diag WHERE run_id = ?""",
                runId, phase.name(), RunStore.utc(at), json.writeValueAsString(kept), runId);
    }

    /** The run's readings in the order they were taken. */
    public List<Reading> readings(String runId) {
        return jdbc.query("SELECT seq, phase, taken_at, diag FROM wl_run_diag WHERE run_id = ? ORDER BY seq",
                (rs, i) -> new Reading(rs.getInt(1), Phase.valueOf(rs.getString(2)),
                        rs.getObject(3, java.time.LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        json.readValue(rs.getString(4), Diag.class)), runId);
    }

    /** The last reading's phase and time, if any. */
    Optional<Reading> last(String runId) {
        return jdbc.query("""
                SELECT seq, phase, taken_at FROM wl_run_diag WHERE run_id = ? ORDER BY seq DESC LIMIT 1""",
                (rs, i) -> new Reading(rs.getInt(1), Phase.valueOf(rs.getString(2)),
                        rs.getObject(3, java.time.LocalDateTime.class).toInstant(ZoneOffset.UTC), null), runId)
                .stream().findFirst();
    }

    /** Finished runs whose readings have no END yet, finished after {@code since}. */
    List<String> finishedWithoutEnd(Instant since) {
        return jdbc.queryForList("""
                SELECT r.id FROM wl_run r WHERE r.state IN ('DONE', 'CANCELLED') AND r.finished_at > ?
                  AND EXISTS (SELECT 1 FROM wl_run_diag d WHERE d.run_id = r.id)
                  AND NOT EXISTS (SELECT 1 FROM wl_run_diag d WHERE d.run_id = r.id AND d.phase = 'END')""",
                String.class, RunStore.utc(since));
    }

    void saveCluster(String runId, ClusterFacts facts) {
        jdbc.update("""
                INSERT INTO wl_run_cluster (run_id, recorded_at, facts) VALUES (?,?,?)
                ON DUPLICATE KEY UPDATE recorded_at = VALUES(recorded_at), facts = VALUES(facts)""",
                runId, RunStore.utc(facts.recordedAt()), json.writeValueAsString(facts));
    }

    /** The cluster as the run found it at its start; empty for runs started before this was recorded. */
    public Optional<ClusterFacts> cluster(String runId) {
        return jdbc.query("SELECT facts FROM wl_run_cluster WHERE run_id = ?",
                (rs, i) -> json.readValue(rs.getString(1), ClusterFacts.class), runId).stream().findFirst();
    }
}
