package org.slurmworkbench.workbench.accounting.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters both queries share, already validated. {@code name} is a job-name prefix. {@code scope} limits the
 * rows to what the caller may read (null: everything, for admins). Builds a WHERE clause of fixed column names and
 * {@code ?} placeholders; values only ever travel as parameters.
 */
record Filters(Instant from, Instant to, String cluster, List<String> users, List<String> accounts,
               List<String> partitions, List<String> qos, List<String> states, String name, Scope scope) {

    /** The jobs a non-admin may read: their own Slurm user's, and on each cluster those of the accounts they coordinate. */
    record Scope(String user, Map<String, Set<String>> coordinated) {
    }

    /** Whole UTC days: the daily rollup can answer. */
    boolean dayAligned() {
        return from.equals(midnight(from)) && to.equals(midnight(to));
    }

    private static Instant midnight(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Conditions on acct_job by end time. */
    String where(String timeColumn, List<Object> args) {
        args.add(JobStore.utc(from));
        args.add(JobStore.utc(to));
        return " WHERE " + timeColumn + " >= ? AND " + timeColumn + " < ?" + rest(args);
    }

    /** Conditions on a rollup table over {@code [first, end)} of its period column (a whitelisted name). */
    String where(UsageQuery.RollupPart part, List<Object> args) {
        args.add(part.from());
        args.add(part.to());
        return " WHERE " + part.column() + " >= ? AND " + part.column() + " < ?" + rest(args);
    }

    /** Jobs active in the window: submitted before its end, not ended before its start. */
    String whereActive(List<Object> args) {
        args.add(JobStore.utc(to));
        args.add(JobStore.utc(from));
        return " WHERE submit_time < ? AND (end_time IS NULL OR end_time >= ?)" + rest(args);
    }

    private String rest(List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (cluster != null) {
            sql.append(" AND cluster = ?");
            args.add(cluster);
        }
        in(sql, args, "user_name", users);
        in(sql, args, "account", accounts);
        in(sql, args, "partition_name", partitions);
        in(sql, args, "qos", qos);
        in(sql, args, "state", states);
        if (scope != null) {
            sql.append(" AND (user_name = ?");
            args.add(scope.user());
            scope.coordinated().forEach((c, accounts) -> {
                sql.append(" OR (cluster = ? AND account IN (").append(placeholders(accounts.size())).append("))");
                args.add(c);
                args.addAll(accounts);
            });
            sql.append(')');
        }
        if (name != null) {
            sql.append(" AND job_name LIKE ? ESCAPE '!'");
            args.add(name.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        return sql.toString();
    }

    private static void in(StringBuilder sql, List<Object> args, String column, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (").append(placeholders(values.size())).append(')');
        args.addAll(values);
    }

    /** {@code n} placeholders for an IN list: "?,?,?". */
    static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    static List<Object> args() {
        return new ArrayList<>();
    }
}
