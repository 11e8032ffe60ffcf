package org.slurmworkbench.workbench.workload.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.slurmworkbench.workbench.workload.plan.WorkloadPlan;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The runs and their submissions in MariaDB: the source of truth the engine recovers from. A job is submitted only
 * by whoever wins its claim (a conditional UPDATE, many jobs at a time), so a stream entry delivered twice never
 * reaches Slurm twice.
 */
@Repository
public class RunStore {

    private static final int BATCH = 1000;
    private static final String RUN_COLUMNS = """
            id, cluster, source, seed, parameters, state, concurrency, rate_limit, scancel_on_cancel, created_by,
            created_at, started_at, paused_at, paused_millis, finished_at, capacity_cpus, capacity_gpus, analysed_at""";
    private static final String JOB_COLUMNS = """
            seq, submit_offset_ms, user_name, account, partition_name, qos, nodes, cpus, gpus_per_node, run_seconds,
            time_limit_min, array_tasks""";

    private final JdbcTemplate jdbc;

    RunStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the run and every job of its plan in one transaction: nothing is queued before this returns. */
    @Transactional
    void create(Run run, WorkloadPlan plan) {
        jdbc.update("INSERT INTO wl_run (" + RUN_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                run.id(), run.cluster(), run.source(), run.seed(), run.parameters(), run.state().name(),
                run.concurrency(), run.rateLimit(), run.scancelOnCancel(), run.createdBy(), utc(run.createdAt()),
                null, null, 0L, null, null, null, null);
        List<PlannedJob> jobs = plan.jobs();
        for (int i = 0; i < jobs.size(); i += BATCH) {
            List<PlannedJob> chunk = jobs.subList(i, Math.min(jobs.size(), i + BATCH));
            jdbc.batchUpdate("INSERT INTO wl_job (run_id, " + JOB_COLUMNS + ", state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    chunk, chunk.size(), (ps, j) -> {
                        ps.setString(1, run.id());
                        ps.setInt(2, j.seq());
                        ps.setLong(3, j.submitOffsetMillis());
                        ps.setString(4, j.user());
                        ps.setString(5, j.account());
                        ps.setString(6, j.partition());
                        ps.setString(7, j.qos());
                        ps.setInt(8, j.nodes());
                        ps.setInt(9, j.cpus());
                        ps.setInt(10, j.gpusPerNode());
                        ps.setInt(11, j.runSeconds());
                        ps.setInt(12, j.timeLimitMinutes());
                        ps.setInt(13, j.arrayTasks());
                        ps.setString(14, JobState.PLANNED.name());
                    });
        }
    }

    public Optional<Run> find(String id) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM wl_run WHERE id = ?", RunStore::run, id).stream().findFirst();
    }

    /** The newest runs first. */
    List<Run> list(int limit) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM wl_run ORDER BY created_at DESC, id LIMIT ?", RunStore::run, limit);
    }

    List<Run> inStates(Set<RunState> states) {
        String in = states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM wl_run WHERE state IN (" + in + ")", RunStore::run);
    }

    /** Moves the run to {@code to} only if it is in one of {@code from}; answers whether it moved. */
    boolean transition(String id, Set<RunState> from, RunState to) {
        String in = from.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        return jdbc.update("UPDATE wl_run SET state = ? WHERE id = ? AND state IN (" + in + ")", to.name(), id) == 1;
    }

    boolean start(String id, Instant now, int cpus, int gpus) {
        return jdbc.update("""
                UPDATE wl_run SET state = 'RUNNING', started_at = ?, capacity_cpus = ?, capacity_gpus = ?
                WHERE id = ? AND state = 'CREATED'""", utc(now), cpus, gpus, id) == 1;
    }

    boolean pause(String id, Instant now) {
        return jdbc.update("UPDATE wl_run SET state = 'PAUSED', paused_at = ? WHERE id = ? AND state = 'RUNNING'",
                utc(now), id) == 1;
    }

    /** Back to RUNNING; the time spent paused is added to the offsets still to come. */
    boolean resume(String id, Instant now) {
        return jdbc.update("""
                UPDATE wl_run SET state = 'RUNNING',
                  paused_millis = paused_millis + GREATEST(0, TIMESTAMPDIFF(MICROSECOND, paused_at, ?) DIV 1000),
                  paused_at = NULL
                WHERE id = ? AND state = 'PAUSED'""", utc(now), id) == 1;
    }

    void finish(String id, RunState state, Instant now) {
        jdbc.update("UPDATE wl_run SET state = ?, finished_at = ? WHERE id = ?", state.name(), utc(now), id);
    }

    public void analysed(String id, Instant now) {
        jdbc.update("UPDATE wl_run SET analysed_at = ? WHERE id = ?", utc(now), id);
    }

    boolean delete(String id) {
        return jdbc.update("DELETE FROM wl_run WHERE id = ?", id) == 1;
    }

    /** PLANNED jobs whose arrival offset has come, in arrival order. */
    List<PlannedJob> due(String runId, long untilOffsetMillis, int limit) {
        return jdbc.query("SELECT " + JOB_COLUMNS + " FROM wl_job WHERE run_id = ? AND state = 'PLANNED' "
                + "AND submit_offset_ms <= ? ORDER BY submit_offset_ms, seq LIMIT ?", RunStore::job, runId,
                untilOffsetMillis, limit);
    }

    /** The arrival offset of the last job still PLANNED, or null. */
    Long lastPlannedOffset(String runId) {
        return jdbc.queryForObject("SELECT MAX(submit_offset_ms) FROM wl_job WHERE run_id = ? AND state = 'PLANNED'",
                Long.class, runId);
    }

    /** Slurm jobs the run's SUBMITTED submissions became (array tasks count one each). */
    public long expectedSlurmJobs(String runId) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(GREATEST(array_tasks, 1)), 0) FROM wl_job WHERE run_id = ? "
                + "AND state = 'SUBMITTED'", Long.class, runId);
    }

    void scancelOnCancel(String runId) {
        jdbc.update("UPDATE wl_run SET scancel_on_cancel = TRUE WHERE id = ?", runId);
    }

    /** One statement for the batch, not one (and one commit) per job. */
    void markQueued(String runId, List<Integer> seqs) {
        for (int i = 0; i < seqs.size(); i += BATCH) {
            List<Integer> chunk = seqs.subList(i, Math.min(seqs.size(), i + BATCH));
            jdbc.update("UPDATE wl_job SET state = 'QUEUED' WHERE run_id = ? AND seq IN (" + placeholders(chunk.size())
                    + ") AND state = 'PLANNED'", concat(List.of(runId), chunk));
        }
    }

    /** QUEUED jobs nobody has claimed: what a lost stream must be given again. */
    List<Integer> queuedUnclaimed(String runId) {
        return jdbc.queryForList("SELECT seq FROM wl_job WHERE run_id = ? AND state = 'QUEUED' AND claimed_by IS NULL "
                + "ORDER BY submit_offset_ms, seq", Integer.class, runId);
    }

    /** The planned jobs of these sequence numbers (those that exist). */
    List<PlannedJob> jobs(String runId, Collection<Integer> seqs) {
        if (seqs.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT " + JOB_COLUMNS + " FROM wl_job WHERE run_id = ? AND seq IN (" + placeholders(seqs.size())
                + ")", RunStore::job, concat(List.of(runId), seqs));
    }

    /**
     * Takes jobs for one owner in one statement: those still PLANNED or QUEUED and unclaimed. Answers the sequence
     * numbers this call won; {@code owner} must name this call alone, so that jobs it claimed earlier are not counted
     * (and the committed UPDATE is all the SELECT needs to see: no transaction around the two).
     */
    Set<Integer> claim(String runId, Collection<Integer> seqs, String owner, Instant now) {
        if (seqs.isEmpty()) {
            return Set.of();
        }
        String in = placeholders(seqs.size());
        jdbc.update("UPDATE wl_job SET claimed_by = ?, claimed_at = ? WHERE run_id = ? AND seq IN (" + in + ") "
                + "AND state IN ('PLANNED', 'QUEUED') AND claimed_by IS NULL", concat(List.of(owner, utc(now), runId), seqs));
        return new HashSet<>(jdbc.queryForList("SELECT seq FROM wl_job WHERE claimed_by = ? AND run_id = ? AND seq IN ("
                + in + ")", Integer.class, concat(List.of(owner, runId), seqs)));
    }

    /** Moves a claim's time to {@code now}; false when the claim is no longer {@code owner}'s (settled as in doubt). */
    boolean refreshClaim(String runId, int seq, String owner, Instant now) {
        return jdbc.update("UPDATE wl_job SET claimed_at = ? WHERE run_id = ? AND seq = ? AND claimed_by = ? "
                + "AND state IN ('PLANNED', 'QUEUED')", utc(now), runId, seq, owner) == 1;
    }

    /** Gives up {@code owner}'s claims on jobs it never sent, so that they are queued again at once. */
    void release(String runId, Collection<Integer> seqs, String owner) {
        if (!seqs.isEmpty()) {
            jdbc.update("UPDATE wl_job SET claimed_by = NULL, claimed_at = NULL, state = 'QUEUED' WHERE claimed_by = ? "
                    + "AND run_id = ? AND seq IN (" + placeholders(seqs.size()) + ") AND state IN ('PLANNED', 'QUEUED')",
                    concat(List.of(owner, runId), seqs));
        }
    }

    void unclaim(String runId, int seq) {
        jdbc.update("UPDATE wl_job SET claimed_by = NULL, claimed_at = NULL, state = 'QUEUED' "
                + "WHERE run_id = ? AND seq = ? AND state IN ('PLANNED', 'QUEUED')", runId, seq);
    }

    /** A job Slurm accepted: its sequence number, Slurm job id and when. */
    record Submitted(int seq, long slurmJobId, Instant at) {
    }

    void submitted(String runId, int seq, long slurmJobId, Instant at) {
        submitted(runId, List.of(new Submitted(seq, slurmJobId, at)));
    }

    /** Records many submissions, {@value #BATCH} to a statement. */
    void submitted(String runId, List<Submitted> done) {
        for (int i = 0; i < done.size(); i += BATCH) {
            List<Submitted> chunk = done.subList(i, Math.min(done.size(), i + BATCH));
            StringBuilder ids = new StringBuilder("CASE seq");
            StringBuilder times = new StringBuilder("CASE seq");
            List<Object> idArgs = new ArrayList<>();
            List<Object> timeArgs = new ArrayList<>();
            List<Object> seqs = new ArrayList<>();
            for (Submitted s : chunk) {
                ids.append(" WHEN ? THEN ?");
                times.append(" WHEN ? THEN ?");
                idArgs.addAll(List.of(s.seq(), s.slurmJobId()));
                timeArgs.addAll(List.of(s.seq(), utc(s.at())));
                seqs.add(s.seq());
            }
            List<Object> args = new ArrayList<>(idArgs);
            args.addAll(timeArgs);
            args.add(runId);
            args.addAll(seqs);
            jdbc.update("UPDATE wl_job SET state = 'SUBMITTED', slurm_job_id = " + ids + " END, submitted_at = " + times
                    + " END, error = NULL WHERE run_id = ? AND seq IN (" + placeholders(chunk.size()) + ")", args.toArray());
        }
    }

    void failed(String runId, int seq, String error) {
        jdbc.update("UPDATE wl_job SET state = 'FAILED', error = ? WHERE run_id = ? AND seq = ?",
                error == null ? null : error.substring(0, Math.min(1000, error.length())), runId, seq);
    }

    /**
     * Claimed jobs not known to be submitted whose claim is older than {@code claimedBefore}: their submitter died or
     * went silent, and Slurm may or may not hold them. A younger claim may be in flight on any instance (several
     * share a run), so it is never in doubt.
     */
    List<Integer> inDoubt(String runId, Instant claimedBefore) {
        return jdbc.queryForList("""
                SELECT seq FROM wl_job WHERE run_id = ? AND state IN ('PLANNED', 'QUEUED') AND claimed_by IS NOT NULL
                  AND claimed_at < ? ORDER BY seq""", Integer.class, runId, utc(claimedBefore));
    }

    /**
     * Whether any job of the run has left PLANNED or been claimed: only then can Slurm hold one (a job is sent only
     * after its claim, and a claim is only dropped once Slurm was asked, leaving the job QUEUED).
     */
    boolean anyTaken(String runId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM wl_job WHERE run_id = ? AND "
                + "(state <> 'PLANNED' OR claimed_by IS NOT NULL))", Boolean.class, runId));
    }

    /** Jobs not (yet) known to be in Slurm: what a reconcile looks up. */
    List<Integer> notSubmitted(String runId) {
        return jdbc.queryForList("SELECT seq FROM wl_job WHERE run_id = ? AND state IN ('PLANNED', 'QUEUED')",
                Integer.class, runId);
    }

    void cancel(String runId, int seq) {
        jdbc.update("UPDATE wl_job SET state = 'CANCELLED' WHERE run_id = ? AND seq = ? AND state IN ('PLANNED', 'QUEUED')",
                runId, seq);
    }

    /** PLANNED and unclaimed QUEUED jobs become CANCELLED; answers how many. */
    int cancelRemaining(String runId) {
        return jdbc.update("UPDATE wl_job SET state = 'CANCELLED' WHERE run_id = ? AND state IN ('PLANNED', 'QUEUED') "
                + "AND claimed_by IS NULL", runId);
    }

    /** Jobs of the run by state, and how many are claimed but not yet submitted. */
    Map<JobState, Long> countByState(String runId) {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("SELECT state, COUNT(*) FROM wl_job WHERE run_id = ? GROUP BY state",
                rs -> { counts.put(JobState.valueOf(rs.getString(1)), rs.getLong(2)); }, runId);
        return counts;
    }

    long claimedUnfinished(String runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM wl_job WHERE run_id = ? AND state IN ('PLANNED', 'QUEUED') "
                + "AND claimed_by IS NOT NULL", Long.class, runId);
    }

    long submittedSince(String runId, Instant since) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM wl_job WHERE run_id = ? AND submitted_at >= ?", Long.class,
                runId, utc(since));
    }

    /** Slurm job ids (and users) of what the run submitted: what a cancel with scancel cancels. */
    List<Map.Entry<String, Long>> submittedJobs(String runId) {
        return jdbc.query("SELECT user_name, slurm_job_id FROM wl_job WHERE run_id = ? AND state = 'SUBMITTED'",
                (rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)), runId);
    }

    /** Slurm user and planned job of each sequence number: what results are matched against. */
    Map<Integer, PlannedJob> plan(String runId) {
        return jdbc.query("SELECT " + JOB_COLUMNS + " FROM wl_job WHERE run_id = ?", RunStore::job, runId).stream()
                .collect(Collectors.toMap(PlannedJob::seq, j -> j));
    }

    /** The run's plan, every job as it was planned, in arrival order (what a repeat of the run stores again). */
    List<PlannedJob> plannedJobs(String runId) {
        return jdbc.query("SELECT " + JOB_COLUMNS + " FROM wl_job WHERE run_id = ? ORDER BY submit_offset_ms, seq",
                RunStore::job, runId);
    }

    private static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    private static Object[] concat(List<Object> first, Collection<Integer> rest) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(rest);
        return all.toArray();
    }

    public static LocalDateTime utc(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getString("id"), rs.getString("cluster"), rs.getString("source"), rs.getLong("seed"),
                rs.getString("parameters"), RunState.valueOf(rs.getString("state")), rs.getInt("concurrency"),
                rs.getInt("rate_limit"), rs.getBoolean("scancel_on_cancel"), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "paused_at"), rs.getLong("paused_millis"),
                instant(rs, "finished_at"), (Integer) rs.getObject("capacity_cpus", Integer.class),
                rs.getObject("capacity_gpus", Integer.class), instant(rs, "analysed_at"));
    }

    private static PlannedJob job(ResultSet rs, int row) throws SQLException {
        return new PlannedJob(rs.getInt("seq"), rs.getLong("submit_offset_ms"), rs.getString("user_name"),
                rs.getString("account"), rs.getString("partition_name"), rs.getString("qos"), rs.getInt("nodes"),
                rs.getInt("cpus"), rs.getInt("gpus_per_node"), rs.getInt("run_seconds"), rs.getInt("time_limit_min"),
                rs.getInt("array_tasks"));
    }
}
