package org.slurmworkbench.workbench.history.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.workbench.history.SchedulerHistory;
import org.slurmworkbench.workbench.history.SchedulerHistory.Point;
import org.slurmworkbench.workbench.scheduler.SchedulerSample;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The scheduler_history table: a sample added into all resolutions at once, series read back, old rows dropped. */
@Repository
class SchedulerHistoryStore {

    private static final String UPSERT = """
            INSERT INTO scheduler_history (cluster, step_seconds, bucket_epoch, samples, counted_seconds, main_cycles,
                main_cycle_micros, main_cycle_longest, bf_cycles, bf_cycle_micros, bf_cycle_longest, jobs_started,
                bf_jobs_started, rpcs, server_threads_sum, agent_queue_sum, main_queue_sum, bf_queue_sum)
            VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE samples = samples + 1, counted_seconds = counted_seconds + VALUES(counted_seconds),
                main_cycles = main_cycles + VALUES(main_cycles),
                main_cycle_micros = main_cycle_micros + VALUES(main_cycle_micros),
                main_cycle_longest = GREATEST(main_cycle_longest, VALUES(main_cycle_longest)),
                bf_cycles = bf_cycles + VALUES(bf_cycles), bf_cycle_micros = bf_cycle_micros + VALUES(bf_cycle_micros),
                bf_cycle_longest = GREATEST(bf_cycle_longest, VALUES(bf_cycle_longest)),
                jobs_started = jobs_started + VALUES(jobs_started),
                bf_jobs_started = bf_jobs_started + VALUES(bf_jobs_started), rpcs = rpcs + VALUES(rpcs),
                server_threads_sum = server_threads_sum + VALUES(server_threads_sum),
                agent_queue_sum = agent_queue_sum + VALUES(agent_queue_sum),
                main_queue_sum = main_queue_sum + VALUES(main_queue_sum),
                bf_queue_sum = bf_queue_sum + VALUES(bf_queue_sum)""";

    private final JdbcClient jdbc;

    SchedulerHistoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void record(String cluster, SchedulerSample s) {
        long t = s.at().getEpochSecond();
        for (Resolution r : Resolution.values()) {
            jdbc.sql(UPSERT).params(cluster, r.seconds, r.bucket(t), s.countedSeconds(), s.mainCycles(),
                    s.mainCycleMicros(), s.mainLongest(), s.backfillCycles(), s.backfillCycleMicros(),
                    s.backfillLongest(), s.jobsStarted(), s.backfillJobsStarted(), s.rpcs(), s.serverThreads(),
                    s.agentQueue(), s.mainQueue(), s.backfillQueue()).update();
        }
    }

    int expire(Instant now, Map<Resolution, Duration> keep) {
        int deleted = 0;
        for (Map.Entry<Resolution, Duration> e : keep.entrySet()) {
            deleted += jdbc.sql("DELETE FROM scheduler_history WHERE step_seconds = ? AND bucket_epoch < ?")
                    .params(e.getKey().seconds, now.minus(e.getValue()).getEpochSecond()).update();
        }
        return deleted;
    }

    SchedulerHistory read(String cluster, Instant from, Instant to, Duration step) {
        Resolution r = Resolution.forStep(step);
        long s = step.toSeconds();
        List<Point> points = new ArrayList<>();
        jdbc.sql("""
                        SELECT FLOOR(bucket_epoch / ?) * ? AS t, SUM(samples) AS n, SUM(counted_seconds) AS secs,
                            SUM(main_cycles) AS mc, SUM(main_cycle_micros) AS mm, MAX(main_cycle_longest) AS ml,
                            SUM(bf_cycles) AS bc, SUM(bf_cycle_micros) AS bm, MAX(bf_cycle_longest) AS bl,
                            SUM(jobs_started) AS js, SUM(bf_jobs_started) AS bj, SUM(rpcs) AS rpcs,
                            SUM(server_threads_sum) AS st, SUM(agent_queue_sum) AS aq, SUM(main_queue_sum) AS mq,
                            SUM(bf_queue_sum) AS bq
                        FROM scheduler_history
                        WHERE cluster = ? AND step_seconds = ? AND bucket_epoch >= ? AND bucket_epoch < ?
                        GROUP BY t ORDER BY t""")
                .params(s, s, cluster, r.seconds, r.bucket(from.getEpochSecond()), to.getEpochSecond())
                .query(rs -> {
                    long n = rs.getLong("n");
                    long secs = rs.getLong("secs");
                    long started = rs.getLong("js");
                    long backfilled = rs.getLong("bj");
                    long main = Math.max(0, started - backfilled);
                    long rpcs = rs.getLong("rpcs");
                    points.add(new Point(Instant.ofEpochSecond(rs.getLong("t")), (int) n, secs,
                            rs.getLong("mc"), mean(rs.getLong("mm"), rs.getLong("mc")), rs.getLong("ml"),
                            rs.getLong("bc"), mean(rs.getLong("bm"), rs.getLong("bc")), rs.getLong("bl"),
                            started, main, backfilled, rpcs, perMinute(started, secs), perMinute(main, secs),
                            perMinute(backfilled, secs), perMinute(rpcs, secs), avg(rs.getLong("st"), n),
                            avg(rs.getLong("aq"), n), avg(rs.getLong("mq"), n), avg(rs.getLong("bq"), n)));
                });
        return new SchedulerHistory(cluster, from, to, s, r.seconds, points);
    }

    private static Double mean(long total, long count) {
        return count == 0 ? null : Math.round(10.0 * total / count) / 10.0;
    }

    private static Double perMinute(long count, long seconds) {
        return seconds == 0 ? null : Math.round(100.0 * count * 60 / seconds) / 100.0;
    }

    private static double avg(long sum, long n) {
        return n == 0 ? 0 : Math.round(100.0 * sum / n) / 100.0;
    }
}
