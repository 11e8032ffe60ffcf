package org.slurmworkbench.workbench.accounting.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Individual jobs from {@code acct_job}, a page at a time or streamed; columns and sort from {@link JobQuery#COLUMNS}. */
@Repository
class JobSearchStore {

    record Page(List<Map<String, Object>> rows, long total) {
    }

    private final JdbcTemplate jdbc;

    JobSearchStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Page page(JobQuery q) {
        List<Object> args = Filters.args();
        String where = where(q, args);
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM acct_job" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(q.size());
        pageArgs.add((long) (q.page() - 1) * q.size());
        List<Map<String, Object>> rows = jdbc.query(select() + where + orderBy(q) + " LIMIT ? OFFSET ?",
                (rs, n) -> row(rs), pageArgs.toArray());
        return new Page(rows, total);
    }

    void stream(JobQuery q, Consumer<Map<String, Object>> sink) {
        List<Object> args = Filters.args();
        String sql = select() + where(q, args) + orderBy(q);
        jdbc.query(con -> {
            var ps = con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(1000);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }, rs -> {
            sink.accept(row(rs));
        });
    }

    private static String where(JobQuery q, List<Object> args) {
        String where = q.filters().whereActive(args);
        if (q.jobId() != null) {
            where += " AND (job_id = ? OR array_job_id = ? OR het_job_id = ?)";
            args.add(q.jobId());
            args.add(q.jobId());
            args.add(q.jobId());
        }
        return where;
    }

    private static String select() {
        return "SELECT " + String.join(", ", JobQuery.COLUMNS.values()) + " FROM acct_job";
    }

    private static String orderBy(JobQuery q) {
        String dir = q.descending() ? " DESC" : " ASC";
        return " ORDER BY " + JobQuery.COLUMNS.get(q.sort()) + dir + ", cluster, job_id" + dir;
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var e : JobQuery.COLUMNS.entrySet()) {
            Object v = rs.getObject(e.getValue());
            if (v instanceof java.sql.Timestamp ts) {
                v = ts.toLocalDateTime();
            }
            if (v instanceof LocalDateTime t) {
                v = t.toInstant(ZoneOffset.UTC).toString();
            }
            m.put(e.getKey(), v);
        }
        return m;
    }
}
