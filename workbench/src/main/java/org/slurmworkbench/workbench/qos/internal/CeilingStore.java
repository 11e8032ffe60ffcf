package org.slurmworkbench.workbench.qos.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The qos_samples table: samples written as they come, read back per QOS in steps, old ones dropped. */
@Repository
class CeilingStore {

    private final JdbcClient jdbc;

    CeilingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A second sample at the same second replaces the first (two instances, or a test calling the sampler). */
    void record(CeilingSample s) {
        jdbc.sql("""
                        REPLACE INTO qos_samples (cluster, qos, at_epoch, gpus_used, gpus_user_max, cpus_used, cpus_user_max,
                            grp_gpus, user_gpus, grp_cpus, user_cpus, pending_limited, pending_total, idle_gpus)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.cluster(), s.qos(), s.at().getEpochSecond(), s.gpusUsed(), s.gpusUserMax(), s.cpusUsed(),
                        s.cpusUserMax(), s.grpGpus(), s.userGpus(), s.grpCpus(), s.userCpus(), s.pendingLimited(),
                        s.pendingTotal(), s.idleGpus())
                .update();
    }

    int expire(Instant before) {
        return jdbc.sql("DELETE FROM qos_samples WHERE at_epoch < ?").param(before.getEpochSecond()).update();
    }

    /**
     * One sample per {@code stepSeconds} from {@code from} (inclusive) to {@code to} (exclusive): the highest use,
     * limits and pending count within each step, so a touch inside a step is never averaged away, and the fewest
     * idle GPUs (GPUs shown idle were idle all through the step).
     */
    List<CeilingSample> read(String cluster, String qos, Instant from, Instant to, long stepSeconds) {
        return jdbc.sql("""
                        SELECT FLOOR(at_epoch / ?) * ? AS t, MAX(gpus_used) AS gu, MAX(gpus_user_max) AS gum,
                            MAX(cpus_used) AS cu, MAX(cpus_user_max) AS cum, MAX(grp_gpus) AS gg, MAX(user_gpus) AS ug,
                            MAX(grp_cpus) AS gc, MAX(user_cpus) AS uc, MAX(pending_limited) AS pl,
                            MAX(pending_total) AS pt, MIN(idle_gpus) AS ig
                        FROM qos_samples WHERE cluster = ? AND qos = ? AND at_epoch >= ? AND at_epoch < ?
                        GROUP BY t ORDER BY t""")
                // samples are kept to the second: one taken earlier in the second of "to" belongs to the range
                .params(stepSeconds, stepSeconds, cluster, qos, from.getEpochSecond(),
                        to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0))
                .query((rs, n) -> new CeilingSample(cluster, qos, Instant.ofEpochSecond(rs.getLong("t")),
                        rs.getInt("gu"), rs.getInt("gum"), rs.getInt("cu"), rs.getInt("cum"), nullable(rs, "gg"),
                        nullable(rs, "ug"), nullable(rs, "gc"), nullable(rs, "uc"), rs.getInt("pl"), rs.getInt("pt"),
                        rs.getInt("ig")))
                .list();
    }

    private static Integer nullable(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
