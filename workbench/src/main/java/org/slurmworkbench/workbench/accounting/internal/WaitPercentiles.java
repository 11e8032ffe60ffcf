package org.slurmworkbench.workbench.accounting.internal;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import org.slurmworkbench.workbench.shared.Percentiles;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.beans.factory.annotation.Autowired;
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

    /**
     * The most waits one question may sort: 4 bytes each, so at most ~80 MB (plus growth) in a heap the packaged unit
     * sizes at 1 GB. More is refused with a 400 asking for a narrower question, rather than the app running out.
     */
    static final int MAX_WAITS = 20_000_000;

    private final JdbcTemplate jdbc;
    private final int maxWaits;

    @Autowired
    WaitPercentiles(JdbcTemplate jdbc) {
        this(jdbc, MAX_WAITS);
    }

    WaitPercentiles(JdbcTemplate jdbc, int maxWaits) {
        this.jdbc = jdbc;
        this.maxWaits = maxWaits;
    }

    /** p95 wait per group key ({@link #key}), for every group with at least one started job. */
    Map<String, Double> p95(UsageQuery q) {
        List<Object> args = Filters.args();
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> keys = new ArrayList<>();
        if (q.period() != null) {
            sql.append(UsageStore.bucket(q.period(), "DATE(end_time)")).append(" AS period, ");
            keys.add("period");
        }
        for (String g : q.groupBy()) {
            sql.append(UsageQuery.GROUPS.get(g)).append(" AS g_").append(g).append(", ");
            keys.add("g_" + g);
        }
        sql.append("wait_seconds FROM acct_job").append(q.filters().where("end_time", args))
                .append(" AND wait_seconds IS NOT NULL");
        Map<String, Waits> groups = new HashMap<>();
        int[] read = {0};
        jdbc.query(con -> {
            var ps = con.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(10_000); // streamed: a year of waits need not sit in the driver as well
            ps.setMaxRows(maxWaits + 1); // the server stops after one too many, so a refusal reads no further
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }, rs -> {
            if (++read[0] > maxWaits) {
                return; // refused below, once the (limited) result is read
            }
            String[] values = new String[keys.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getString(keys.get(i));
            }
            groups.computeIfAbsent(key(values), k -> new Waits()).add(rs.getLong("wait_seconds"));
        });
        if (read[0] > maxWaits) {
            throw FieldProblems.invalid("metrics", String.format(Locale.ROOT, "p95Wait sorts the wait of every started job in the range, "
                    + "and this one holds more than %,d; narrow from/to or name users, accounts or partitions", maxWaits));
        }
        Map<String, Double> out = new HashMap<>();
        groups.forEach((k, w) -> out.put(k, w.percentile(0.95)));
        return out;
    }

    /** A group's key from its period (as yyyy-MM-dd, or absent) and group values, in the query's order. */
    static String key(String... values) {
        return String.join("\u0000", Arrays.stream(values).map(v -> v == null ? "\u0001" : v).toList());
    }

    /** A growing array of one group's waits (ints: 68 years of seconds, half the memory of longs). */
    private static final class Waits {
        private int[] values = new int[16];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size + (size >> 1));
            }
            values[size++] = (int) Math.min(Integer.MAX_VALUE, v);
        }

        double percentile(double p) {
            Arrays.sort(values, 0, size);
            int[] sorted = values;
            return Percentiles.linear(i -> sorted[i], size, p);
        }
    }
}
