package org.slurmworkbench.workbench.accounting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rollup rows a question reads: whole months from the monthly rollup, the days around them from the daily one. */
class UsageQueryTest {

    @Test
    void wholeMonthsComeFromTheMonthlyRollupAndTheDaysAroundThemFromTheDailyOne() {
        assertThat(query("2025-11-20", "2026-03-10", null).rollupParts()).containsExactly(
                new UsageQuery.RollupPart("acct_daily", "day", date("2025-11-20"), date("2025-12-01")),
                new UsageQuery.RollupPart("acct_monthly", "month", date("2025-12-01"), date("2026-03-01")),
                new UsageQuery.RollupPart("acct_daily", "day", date("2026-03-01"), date("2026-03-10")));
        assertThat(query("2026-01-01", "2026-03-01", "month").rollupParts()).containsExactly(
                new UsageQuery.RollupPart("acct_monthly", "month", date("2026-01-01"), date("2026-03-01")));
        assertThat(query("2026-01-01", "2026-03-01", "month").source()).isEqualTo("acct_monthly");
        assertThat(query("2025-11-20", "2026-03-10", null).source()).isEqualTo("acct_daily+acct_monthly");
    }

    @Test
    void wholeYearsComeFromTheYearlyRollupWithTheMonthsAndDaysAroundThem() {
        assertThat(query("2023-11-17", "2026-11-27", null).rollupParts()).containsExactly(
                new UsageQuery.RollupPart("acct_daily", "day", date("2023-11-17"), date("2023-12-01")),
                new UsageQuery.RollupPart("acct_monthly", "month", date("2023-12-01"), date("2024-01-01")),
                new UsageQuery.RollupPart("acct_yearly", "year", date("2024-01-01"), date("2026-01-01")),
                new UsageQuery.RollupPart("acct_monthly", "month", date("2026-01-01"), date("2026-11-01")),
                new UsageQuery.RollupPart("acct_daily", "day", date("2026-11-01"), date("2026-11-27")));
        assertThat(query("2023-11-17", "2026-11-27", "month").rollupParts()).as("months asked for: no years")
                .extracting(UsageQuery.RollupPart::table).containsExactly("acct_daily", "acct_monthly", "acct_daily");
        assertThat(query("2025-01-01", "2026-01-01", null).source()).isEqualTo("acct_yearly");
    }

    @Test
    void weeksDaysAndRangesWithoutAWholeMonthReadOnlyTheDailyRollup() {
        var daily = List.of(new UsageQuery.RollupPart("acct_daily", "day", date("2025-11-20"), date("2026-03-10")));
        assertThat(query("2025-11-20", "2026-03-10", "week").rollupParts()).isEqualTo(daily);
        assertThat(query("2025-11-20", "2026-03-10", "day").rollupParts()).isEqualTo(daily);
        assertThat(query("2026-01-02", "2026-01-31", null).rollupParts()).containsExactly(
                new UsageQuery.RollupPart("acct_daily", "day", date("2026-01-02"), date("2026-01-31")));
        assertThat(query("2026-01-05", "2026-02-03", null).rollupParts()).as("spans a month boundary, no whole month")
                .containsExactly(new UsageQuery.RollupPart("acct_daily", "day", date("2026-01-05"), date("2026-02-03")));
    }

    @Test
    void aWindowThatIsNotWholeDaysReadsTheJobTable() {
        UsageQuery q = new UsageQuery(filters(Instant.parse("2026-01-01T06:00:00Z"), Instant.parse("2026-03-01T00:00:00Z")),
                List.of("user"), null, List.of("jobs"), "jobs", true, 1, 50);
        assertThat(q.needsJobTable()).isTrue();
        assertThat(q.source()).isEqualTo("jobs");
    }

    private static UsageQuery query(String from, String to, String period) {
        return new UsageQuery(filters(date(from).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                date(to).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()), List.of("user"), period, List.of("jobs"),
                "jobs", true, 1, 50);
    }

    private static Filters filters(Instant from, Instant to) {
        return new Filters(from, to, null, List.of(), List.of(), List.of(), List.of(), List.of(), null, null);
    }

    private static LocalDate date(String s) {
        return LocalDate.parse(s);
    }
}
