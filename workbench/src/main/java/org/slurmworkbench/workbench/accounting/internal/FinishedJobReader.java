package org.slurmworkbench.workbench.accounting.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.AccountingQuery;
import org.slurmworkbench.slurm.JobStep;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.accounting.FinishedJob;
import org.slurmworkbench.workbench.accounting.FinishedJobs;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link FinishedJobs} from {@code acct_job}, and from slurmdbd (as the cluster's service user) where the copy is
 * behind: a job is taken from the copy only when every record of it there has ended and the sync has come past the
 * last of those ends; otherwise slurmdbd answers, and the copy only when slurmdbd cannot be reached.
 */
@Component
class FinishedJobReader implements FinishedJobs {

    private static final Logger log = LoggerFactory.getLogger(FinishedJobReader.class);

    private static final String COLUMNS = """
            job_id, array_job_id, array_task_id, het_job_id, het_job_offset, job_name, user_name, account, partition_name,
              qos, state, submit_time, eligible_time, start_time, end_time, elapsed_seconds, time_limit_min, exit_code,
              node_list, nodes, cpus, gpus, memory_mb, work_dir, synced_at, cpu_used_ms, max_rss_bytes""";
    /** Three lookups, so each uses its own index (primary key, array, het job). */
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM acct_job WHERE cluster = ? AND job_id = ? UNION "
            + "SELECT " + COLUMNS + " FROM acct_job WHERE cluster = ? AND array_job_id = ? UNION "
            + "SELECT " + COLUMNS + " FROM acct_job WHERE cluster = ? AND het_job_id = ?";
    private static final String BY_USER = "SELECT " + COLUMNS + " FROM acct_job WHERE user_name = ? AND end_time >= ? "
            + "AND cluster = ? ORDER BY end_time DESC LIMIT ?";
    /**
     * A tail is shared this long by the viewers polling "my jobs", then read again by the next one (the others wait
     * for that read): never served older, so a job that just ended shows within this long.
     */
    private static final Duration TAIL_MAX_AGE = Duration.ofSeconds(10);
    /**
     * The tail starts this long before the copy's cursor: slurmdbd may record an end a moment after the sync that
     * passed its time (the sync's own overlap catches it later; the list must not wait for that).
     */
    private static final Duration TAIL_LOOKBACK = Duration.ofMinutes(1);

    private record TailKey(String cluster, String user, Instant since) {
    }

    private final JdbcClient jdbc;
    private final Clusters clusters;
    private final SyncCursorStore cursors;
    private final LoadingCache<TailKey, List<FinishedJob>> tails;
    /** Steps of an ended job record do not change: kept a while, so a finished job's page asks slurmdbd once. */
    private final com.github.benmanes.caffeine.cache.Cache<String, List<JobStep>> endedSteps =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(30)).maximumSize(5_000).build();

    FinishedJobReader(JdbcClient jdbc, Clusters clusters, SyncCursorStore cursors) {
        this.jdbc = jdbc;
        this.clusters = clusters;
        this.cursors = cursors;
        this.tails = Caffeine.newBuilder().expireAfterWrite(TAIL_MAX_AGE).maximumSize(10_000).build(this::tailFromSlurmdbd);
    }

    @Override
    public List<FinishedJob> records(String cluster, long jobId) {
        List<FinishedJob> copy = jdbc.sql(BY_ID).params(cluster, jobId, cluster, jobId, cluster, jobId)
                .query((rs, n) -> row(rs)).list();
        Instant syncedUntil = syncedUntil(cluster);
        boolean current = !copy.isEmpty() && copy.stream().allMatch(FinishedJob::ended) && syncedUntil != null
                && copy.stream().map(FinishedJob::endTime).noneMatch(syncedUntil::isBefore);
        if (current) {
            return sorted(copy);
        }
        try {
            List<FinishedJob> recorded = fromSlurmdbd(cluster, jobId);
            return recorded.isEmpty() ? sorted(copy) : sorted(recorded);
        } catch (SlurmException e) {
            if (copy.isEmpty()) {
                throw e;
            }
            log.warn("slurmdbd of cluster {} could not be asked for job {} ({}); answering the accounting copy",
                    cluster, jobId, e.getMessage());
            return sorted(copy);
        }
    }

    @Override
    public List<JobStep> steps(String cluster, long jobId) {
        String key = cluster + "/" + jobId;
        List<JobStep> steps = endedSteps.getIfPresent(key);
        if (steps != null) {
            return steps;
        }
        // the id's own record only: an array's id also names its other tasks, which slurmdbd may not have ended yet
        FinishedJob record = fromSlurmdbd(cluster, jobId).stream().filter(r -> r.jobId() == jobId).findFirst().orElse(null);
        if (record == null) {
            return List.of();
        }
        if (record.ended()) {
            endedSteps.put(key, record.steps());
        }
        return record.steps();
    }

    private List<FinishedJob> fromSlurmdbd(String cluster, long jobId) {
        Instant now = Instant.now();
        return clusters.asServiceUser(cluster).accountingJobs(AccountingQuery.ofJob(jobId)).stream()
                .map(j -> of(j, FinishedJob.Source.SLURMDBD, now)).toList();
    }

    @Override
    public List<FinishedJob> endedSince(String cluster, String user, Instant since, int limit) {
        Map<Long, FinishedJob> byId = new LinkedHashMap<>();
        jdbc.sql(BY_USER).params(user, JobStore.utc(since), cluster, limit).query((rs, n) -> row(rs)).list()
                .forEach(j -> byId.put(j.jobId(), j));
        Instant syncedUntil = syncedUntil(cluster);
        Instant tailFrom = syncedUntil == null || syncedUntil.minus(TAIL_LOOKBACK).isBefore(since)
                ? since : syncedUntil.minus(TAIL_LOOKBACK);
        // always, also right after a sync: a job that ended since may already be gone from slurmctld (MinJobAge is
        // seconds on high-throughput sites), and then only slurmdbd has it until the next sync
        if (tailFrom.isBefore(Instant.now())) {
            try {
                // the copy's sync overlaps its windows, so a tail from the cursor misses nothing the copy lacks
                tails.get(new TailKey(cluster, user, tailFrom.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)))
                        .stream().filter(j -> !j.endTime().isBefore(since)).forEach(j -> byId.put(j.jobId(), j));
            } catch (SlurmException e) {
                log.warn("slurmdbd of cluster {} could not be asked for {}'s jobs ended since {} ({}); the list shows the copy",
                        cluster, user, tailFrom, e.getMessage());
            }
        }
        return byId.values().stream().sorted(Comparator.comparing(FinishedJob::endTime).reversed()
                .thenComparing(Comparator.comparingLong(FinishedJob::jobId).reversed())).limit(limit).toList();
    }

    @Override
    public List<Long> notEndedInCopy(String cluster, String user) {
        return jdbc.sql("SELECT job_id FROM acct_job WHERE end_time IS NULL AND cluster = ? AND user_name = ? LIMIT 20000")
                .params(cluster, user).query(Long.class).list();
    }

    private List<FinishedJob> tailFromSlurmdbd(TailKey key) {
        Instant now = Instant.now();
        return clusters.asServiceUser(key.cluster()).accountingJobs(AccountingQuery.between(key.since(), now)
                        .withUsers(key.user())).stream()
                .filter(j -> j.endTime() != null && !j.endTime().isBefore(key.since()))
                .map(j -> of(j, FinishedJob.Source.SLURMDBD, now)).toList();
    }

    private Instant syncedUntil(String cluster) {
        return cursors.find(cluster).map(SyncCursorStore.Cursor::syncedUntil).orElse(null);
    }

    private static List<FinishedJob> sorted(List<FinishedJob> jobs) {
        List<FinishedJob> copy = new ArrayList<>(jobs);
        copy.sort(Comparator.comparingLong(FinishedJob::jobId));
        return copy;
    }

    static FinishedJob of(AccountingJob j, FinishedJob.Source source, Instant asOf) {
        JobRow r = JobRow.of(j.cluster(), j);
        // the job's own signal is the batch step's (slurmdbd keeps the job's in a field the readers do not lift)
        Integer signal = j.steps().stream().filter(st -> "batch".equals(st.id())).map(JobStep::signal)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return new FinishedJob(j.jobId(), j.arrayJobId(), j.arrayTaskId(), j.hetJobId(), j.hetJobOffset(), r.name(),
                r.user(), r.account(), r.partition(), r.qos(), j.state(), blankToNull(j.stateReason()), j.submitTime(),
                j.eligibleTime(), j.startTime(), j.endTime(), r.elapsedSeconds(), j.timeLimitMinutes(), j.exitCode(),
                signal, r.nodeList(), r.nodes(), r.cpus(), r.gpus(), r.memoryMb(), r.workDir(), r.cpuUsedMillis(), r.maxRssBytes(), j.steps(), source, asOf);
    }

    private static FinishedJob row(ResultSet rs) throws SQLException {
        Timestamp synced = rs.getTimestamp("synced_at");
        return new FinishedJob(rs.getLong("job_id"), rs.getObject("array_job_id", Long.class),
                rs.getObject("array_task_id", Integer.class), rs.getObject("het_job_id", Long.class),
                rs.getObject("het_job_offset", Integer.class), rs.getString("job_name"), rs.getString("user_name"),
                rs.getString("account"), rs.getString("partition_name"), rs.getString("qos"), rs.getString("state"), null,
                instant(rs, "submit_time"), instant(rs, "eligible_time"), instant(rs, "start_time"),
                instant(rs, "end_time"), rs.getLong("elapsed_seconds"), rs.getObject("time_limit_min", Integer.class),
                rs.getObject("exit_code", Integer.class), null, rs.getString("node_list"), rs.getInt("nodes"),
                rs.getInt("cpus"), rs.getInt("gpus"), rs.getLong("memory_mb"), rs.getString("work_dir"),
                rs.getObject("cpu_used_ms", Long.class), rs.getObject("max_rss_bytes", Long.class), List.of(),
                FinishedJob.Source.ACCOUNTING_COPY, synced == null ? null : synced.toInstant());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals("None") ? null : s;
    }
}
