package org.slurmworkbench.workbench.accounting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filter values travel only as bound parameters; the SQL text holds fixed column names and placeholders. */
class FiltersTest {

    @Test
    void valuesNeverReachTheSqlText() {
        Filters f = new Filters(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"), "lab",
                List.of("alice"), List.of("physics"), List.of("cpu"), List.of("normal"), List.of("COMPLETED"), "x'%_!", null);
        List<Object> args = Filters.args();
        String sql = f.where("end_time", args);

        assertThat(sql).doesNotContain("alice", "physics", "x'", "lab'", "COMPLETED");
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(args.size());
        assertThat(args).contains("alice", "physics", "cpu", "normal", "COMPLETED", "lab");
        assertThat(args.getLast()).as("LIKE prefix with its wildcards escaped").isEqualTo("x'!%!_!!%");
        assertThat(f.dayAligned()).isTrue();
    }

    @Test
    void aScopeLimitsRowsToTheCallersJobsAndTheirCoordinatedAccountsPerCluster() {
        var scope = new Filters.Scope("bob", new java.util.LinkedHashMap<>(java.util.Map.of("lab2205", java.util.Set.of("physics"))));
        Filters f = new Filters(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"), null,
                List.of(), List.of(), List.of(), List.of(), List.of(), null, scope);
        List<Object> args = Filters.args();
        String sql = f.where("day", args);

        assertThat(sql).endsWith(" AND (user_name = ? OR (cluster = ? AND account IN (?)))").doesNotContain("bob", "physics");
        assertThat(args).containsSubsequence("bob", "lab2205", "physics");
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(args.size());
    }

    @Test
    void theRollupIsUsedOnlyForWholeDaysWithoutNamesAndPercentilesAreReadBesideIt() {
        Filters days = new Filters(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z"), null,
                List.of(), List.of(), List.of(), List.of(), List.of(), null, null);
        Filters hours = new Filters(Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-11-03T00:00:00Z"), null,
                List.of(), List.of(), List.of(), List.of(), List.of(), null, null);
        assertThat(usage(days, List.of("jobs")).needsJobTable()).isFalse();
        assertThat(usage(days, List.of("p95Wait")).needsJobTable()).isFalse();
        assertThat(usage(days, List.of("p95Wait")).source()).isEqualTo("acct_daily+jobs");
        assertThat(usage(days, List.of("jobs")).source()).isEqualTo("acct_daily");
        assertThat(usage(hours, List.of("jobs")).needsJobTable()).isTrue();
    }

    private static UsageQuery usage(Filters f, List<String> metrics) {
        return new UsageQuery(f, List.of("user"), null, metrics, "jobs", true, 1, 50);
    }
}
