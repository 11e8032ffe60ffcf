package org.slurmworkbench.workbench.history.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.dashboard.Overview.PartitionSummary;
import org.slurmworkbench.workbench.history.Utilization;
import org.slurmworkbench.workbench.history.Utilization.Point;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The utilization_history table: samples added into all resolutions at once, series read back, old rows dropped. */
@Repository
class HistoryStore {

    /** '' stands for the whole cluster in partition_name. */
    static final String CLUSTER = "";

    private static final String UPSERT = """
            INSERT INTO utilization_history (cluster, partition_name, step_seconds, bucket_epoch, samples, cpus_total_sum,
                cpus_allocated_sum, gpus_total_sum, gpus_allocated_sum, jobs_running_sum, jobs_pending_sum)
            VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE samples = samples + 1, cpus_total_sum = cpus_total_sum + VALUES(cpus_total_sum),
                cpus_allocated_sum = cpus_allocated_sum + VALUES(cpus_allocated_sum),
                gpus_total_sum = gpus_total_sum + VALUES(gpus_total_sum),
                gpus_allocated_sum = gpus_allocated_sum + VALUES(gpus_allocated_sum),
                jobs_running_sum = jobs_running_sum + VALUES(jobs_running_sum),
                jobs_pending_sum = jobs_pending_sum + VALUES(jobs_pending_sum)""";

    private final JdbcClient jdbc;

    HistoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds one overview as a sample at {@code at} to the cluster's and each partition's rows of every resolution. */
    @Transactional
    void record(Overview o, Instant at) {
        long t = at.getEpochSecond();
        for (Resolution r : Resolution.values()) {
            long bucket = r.bucket(t);
            add(o.cluster(), CLUSTER, r, bucket, o.cpus().total(), o.cpus().allocated(), o.gpus().total(),
                    o.gpus().allocated(), o.jobs().running(), o.jobs().pending());
            for (PartitionSummary p : o.partitions()) {
                add(o.cluster(), p.name(), r, bucket, p.cpus().total(), p.cpus().allocated(), p.gpus().total(),
                        p.gpus().allocated(), p.runningJobs(), p.pendingJobs());
            }
        }
    }

    private void add(String cluster, String partition, Resolution r, long bucket, long... values) {
        jdbc.sql(UPSERT).params(cluster, partition, r.seconds, bucket, values[0], values[1], values[2], values[3],
                values[4], values[5]).update();
    }

    /** Drops rows older than each resolution's retention; answers how many. */
    int expire(Instant now, Map<Resolution, Duration> keep) {
        int deleted = 0;
        for (Map.Entry<Resolution, Duration> e : keep.entrySet()) {
            deleted += jdbc.sql("DELETE FROM utilization_history WHERE step_seconds = ? AND bucket_epoch < ?")
                    .params(e.getKey().seconds, now.minus(e.getValue()).getEpochSecond()).update();
        }
        return deleted;
    }

    Utilization read(String cluster, Instant from, Instant to, Duration step) {
        Resolution r = Resolution.forStep(step);
        long s = step.toSeconds();
        Map<String, List<Point>> series = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT partition_name, FLOOR(bucket_epoch / ?) * ? AS t, SUM(samples) AS n,
                            SUM(cpus_total_sum) AS ct, SUM(cpus_allocated_sum) AS ca, SUM(gpus_total_sum) AS gt,
                            SUM(gpus_allocated_sum) AS ga, SUM(jobs_running_sum) AS jr, SUM(jobs_pending_sum) AS jp
                        FROM utilization_history
                        WHERE cluster = ? AND step_seconds = ? AND bucket_epoch >= ? AND bucket_epoch < ?
                        GROUP BY partition_name, t ORDER BY partition_name, t""")
                .params(s, s, cluster, r.seconds, r.bucket(from.getEpochSecond()), to.getEpochSecond())
                .query(rs -> {
                    double n = rs.getLong("n");
                    series.computeIfAbsent(rs.getString("partition_name"), k -> new ArrayList<>()).add(new Point(
                            Instant.ofEpochSecond(rs.getLong("t")), (int) n, avg(rs.getLong("ct"), n),
                            avg(rs.getLong("ca"), n), avg(rs.getLong("gt"), n), avg(rs.getLong("ga"), n),
                            avg(rs.getLong("jr"), n), avg(rs.getLong("jp"), n)));
                });
        List<Point> total = series.remove(CLUSTER);
        return new Utilization(cluster, from, to, s, r.seconds, total == null ? List.of() : total, series);
    }

    private static double avg(long sum, double n) {
        return n == 0 ? 0 : Math.round(100.0 * sum / n) / 100.0;
    }
}
