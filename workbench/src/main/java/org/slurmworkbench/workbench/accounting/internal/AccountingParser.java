package org.slurmworkbench.workbench.accounting.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.AccountAccess;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Turns request parameters into {@link UsageQuery}/{@link JobQuery}, or a 400 naming each bad parameter, and
 * applies who-sees-what: a USER sees only jobs of their own Slurm user, an account coordinator also the jobs of
 * the accounts they coordinate (per cluster), an ADMIN everything. Naming a user or an account outside that is a
 * 403, not an empty answer, so the refusal is visible.
 */
@Component
class AccountingParser {

    static final Set<String> FILTER_PARAMS = Set.of("from", "to", "cluster", "users", "accounts", "partitions", "qos",
            "states", "name", "sort", "page", "size");
    private static final Set<String> USAGE_PARAMS = union(FILTER_PARAMS, Set.of("groupBy", "period", "metrics"));
    private static final Set<String> JOB_PARAMS = union(FILTER_PARAMS, Set.of("jobId"));

    private final Clusters clusters;
    private final AccountAccess access;

    AccountingParser(Clusters clusters, AccountAccess access) {
        this.clusters = clusters;
        this.access = access;
    }

    UsageQuery usage(MultiValueMap<String, String> raw, WorkbenchUser me) {
        QueryParams p = new QueryParams(raw, USAGE_PARAMS);
        Filters f = filters(p, me);
        List<String> groupBy = p.choices("groupBy", UsageQuery.GROUP_NAMES, List.of());
        String period = p.choice("period", UsageQuery.PERIODS, null);
        List<String> metrics = p.choices("metrics", UsageQuery.METRICS, UsageQuery.DEFAULT_METRICS);
        List<String> sortable = new ArrayList<>(groupBy);
        if (period != null) {
            sortable.add("period");
        }
        sortable.addAll(UsageQuery.METRICS);
        String sort = sort(p, sortable, period != null ? "period" : "-cpuHours");
        // A daily series over years would be one row per day and group: cap the rows a single page can ask for.
        if (period != null && f.from() != null && f.to() != null && "day".equals(period)
                && Duration.between(f.from(), f.to()).toDays() > 1100) {
            p.error("period", "'day' covers at most 1100 days; use week or month for longer ranges");
        }
        int page = p.integer("page", 1, 1, 1_000_000);
        int size = p.integer("size", 50, 1, 1000);
        p.check();
        return new UsageQuery(f, groupBy, period, metrics, sort.replaceFirst("^-", ""), sort.startsWith("-"), page, size);
    }

    JobQuery jobs(MultiValueMap<String, String> raw, WorkbenchUser me) {
        QueryParams p = new QueryParams(raw, JOB_PARAMS);
        Filters f = filters(p, me);
        String id = p.one("jobId");
        Long jobId = null;
        if (id != null) {
            try {
                jobId = Long.parseLong(id);
                if (jobId <= 0) {
                    p.error("jobId", "must be a positive job id");
                }
            } catch (NumberFormatException e) {
                p.error("jobId", "must be a job id (digits only)");
            }
        }
        String sort = sort(p, JobQuery.SORTS, "-submit");
        int page = p.integer("page", 1, 1, 1_000_000);
        int size = p.integer("size", 50, 1, 1000);
        p.check();
        return new JobQuery(f, jobId, sort.replaceFirst("^-", ""), sort.startsWith("-"), page, size);
    }

    private Filters filters(QueryParams p, WorkbenchUser me) {
        Instant to = p.time("to", LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Instant from = p.time("from", to.minus(Duration.ofDays(30)));
        p.range(from, to);
        String cluster = p.one("cluster");
        if (cluster != null && !clusters.names().contains(cluster)) {
            p.error("cluster", "is not a configured cluster; known: " + String.join(", ", clusters.names()));
        }
        List<String> users = p.names("users");
        String name = p.one("name");
        if (name != null && (name.length() > 255 || name.chars().anyMatch(Character::isISOControl))) {
            p.error("name", "must be at most 255 characters without control characters");
        }
        List<String> accounts = p.names("accounts");
        p.check();
        Filters.Scope scope = me.isAdmin() ? null : scope(me, users, accounts);
        return new Filters(from, to, cluster, scope != null && scope.coordinated().isEmpty() ? List.of(me.slurmUser()) : users,
                accounts, p.names("partitions"), p.names("qos"), p.states(), name, scope);
    }

    /** A non-admin's scope; a user or account they may not read is refused (403) rather than answered empty. */
    private Filters.Scope scope(WorkbenchUser me, List<String> users, List<String> accounts) {
        Map<String, Set<String>> coordinated = access.coordinated(me);
        if (users.stream().anyMatch(u -> !u.equals(me.slurmUser()))) {
            Set<String> others = coordinated.isEmpty() ? Set.of() : access.coordinatedUsers(me);
            if (users.stream().anyMatch(u -> !u.equals(me.slurmUser()) && !others.contains(u))) {
                throw FieldProblems.of(HttpStatus.FORBIDDEN, "Not allowed", "users", "may only name your own Slurm user ("
                        + me.slurmUser() + ")" + (others.isEmpty() ? "" : " or users of the accounts you coordinate"));
            }
        }
        Set<String> readable = new java.util.TreeSet<>(access.memberOf(me));
        coordinated.values().forEach(readable::addAll);
        List<String> refused = accounts.stream().filter(a -> !readable.contains(a)).toList();
        if (!refused.isEmpty()) {
            throw FieldProblems.of(HttpStatus.FORBIDDEN, "Not allowed", "accounts",
                    "may only name your own or coordinated accounts (" + String.join(", ", readable) + "), not "
                    + String.join(", ", refused));
        }
        return new Filters.Scope(me.slurmUser(), coordinated);
    }

    /** {@code sort=name} or {@code sort=-name} (descending), the name from the whitelist. */
    private static String sort(QueryParams p, List<String> allowed, String fallback) {
        String v = p.one("sort");
        if (v == null) {
            return fallback;
        }
        boolean desc = v.startsWith("-");
        String key = desc ? v.substring(1) : v;
        for (String a : allowed) {
            if (a.equalsIgnoreCase(key)) {
                return (desc ? "-" : "") + a;
            }
        }
        p.error("sort", "must be one of " + String.join(", ", allowed) + " (prefix - for descending)");
        return fallback;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
