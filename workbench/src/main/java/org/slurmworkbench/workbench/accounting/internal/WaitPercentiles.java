package org.slurmworkbench.workbench.accounting.internal;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The 95th percentile of the wait per group of a {@link UsageQuery}, exactly as {@code PERCENTILE_CONT(0.95)} (linear
 * between the two nearest ranks; jobs that never started have no wait and do not count). Rollups cannot hold a
 * percentile, so the waits of the range are read from acct_job's end-time index, which holds every column this
 * filters and groups by, and sorted per group here: MariaDB's PERCENTILE_CONT is a window function that sorts whole
 * rows and took 580 ms of the 660 ms of a 30-day question at 10M jobs; reading the waits takes ~100 ms.
 */
@Component
class WaitPercentiles {

    private final JdbcTemplate jdbc;

    WaitPercentiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** p95 wait per group key ({@link #key}), for every group with at least one started job. */
    Map<String, Double> p95(UsageQuery q) {
        List<Object> args = Filters.args();
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> keys = new ArrayList<>();
        if (q.period() != null) {
            sql.append(UsageRepository.bucket(q.period(), "DATE(end_time)")).append(" AS period, ");
            keys.add("period");
        }
        for (String g : q.groupBy()) {
            sql.append(UsageQuery.GROUPS.get(g)).append(" AS g_").append(g).append(", ");
            keys.add("g_" + g);
        }
        sql.append("wait_seconds FROM acct_job").append(q.filters().where("end_time", args))
                .append(" AND wait_seconds IS NOT NULL");
        Map<String, Waits> groups = new HashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(10_000); // streamed: a year of waits need not sit in the driver as well
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }, rs -> {
            String[] values = new String[keys.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getString(keys.get(i));
            }
            groups.computeIfAbsent(key(values), k -> new Waits()).add(rs.getLong("wait_seconds"));
        });
        Map<String, Double> out = new HashMap<>();
        groups.forEach((k, w) -> out.put(k, w.percentile(0.95)));
        return out;
    }

    /** A group's key from its period (as yyyy-MM-dd, or absent) and group values, in the query's order. */
    static String key(String... values) {
        return String.join("\u0000", Arrays.stream(values).map(v -> v == null ? "\u0001" : v).toList());
    }

    /** A growing array of one group's waits. */
    private static final class Waits {
        private long[] values = new long[16];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double percentile(double p) {
            Arrays.sort(values, 0, size);
            double rank = p * (size - 1);
            int lo = (int) Math.floor(rank);
            int hi = (int) Math.ceil(rank);
            return values[lo] + (rank - lo) * (values[hi] - values[lo]);
        }
    }
}
