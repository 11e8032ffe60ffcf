package org.slurmworkbench.workbench.accounting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;

/**
 * The p95 wait the usage API answers equals MariaDB's own {@code PERCENTILE_CONT(0.95)} over the job table, group by
 * group, whether the other numbers come from the rollups (whole days) or the job table (hours), with a period, and
 * when the groups are sorted and paged by it; a group whose jobs never started has none.
 */
@SpringBootTest(properties = "workbench.accounting.sync.enabled=false")
class WaitPercentilesIT {

    private static final String CLUSTER = "p95-it";
    private static final Instant END = Instant.parse("2026-03-15T00:00:00Z");

    @Autowired
    JobStore store;
    @Autowired
    UsageStore usage;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate jdbcTemplate;

    @BeforeEach
    void jobs() {
        for (String t : List.of("acct_job", "acct_daily", "acct_monthly", "acct_yearly")) {
            jdbc.sql("DELETE FROM " + t + " WHERE cluster = ?").param(CLUSTER).update();
        }
        List<JobRow> rows = new ArrayList<>();
        for (JobRow r : new SyntheticJobs(5, 8, END, Duration.ofDays(60)).batch(4000, 0, 1)) {
            rows.add(JobStoreIT.on(r, CLUSTER));
        }
        // a user none of whose jobs started (cancelled while pending): jobs, but no wait to take a percentile of
        for (int i = 0; i < 3; i++) {
            JobRow r = rows.get(i);
            rows.add(new JobRow(CLUSTER, 9_000_000 + i, null, null, null, null, "p95-never", r.account(), r.partition(),
                    r.qos(), "CANCELLED", 0, r.submit(), r.submit(), null, r.submit().plusSeconds(60), 1, 1, 0, 100, 10,
                    0, 0, 0, null, "never"));
        }
        store.save(CLUSTER, rows);
    }

    @Test
    void p95IsPercentileContOfTheJobTableOnEveryPath() {
        Instant from = END.minus(Duration.ofDays(45));
        Instant hours = from.plus(Duration.ofHours(7));
        for (List<String> groupBy : List.of(List.of("user"), List.of("partition", "qos"), List.<String>of())) {
            for (String period : new String[] {null, "week"}) {
                for (Instant start : List.of(from, hours)) {
                    UsageQuery q = query(start, groupBy, period, "jobs", 1, 1000);
                    assertThat(q.needsJobTable()).isEqualTo(start.equals(hours));
                    Map<String, Double> expected = percentileCont(start, groupBy, period);
                    List<Map<String, Object>> rows = usage.page(q).rows();
                    assertThat(rows).as("%s %s %s", groupBy, period, start).hasSizeGreaterThanOrEqualTo(expected.size());
                    List<Map<String, Object>> streamed = new ArrayList<>();
                    usage.stream(q).to(streamed::add);
                    assertThat(streamed).isEqualTo(rows);
                    for (Map<String, Object> row : rows) {
                        assertP95(row, expected.get(key(row, groupBy, period)), q.source());
                    }
                }
            }
        }
        assertThat(percentileCont(from, List.of("user"), null)).doesNotContainKey(WaitPercentiles.key("p95-never"));
    }

    @Test
    void groupsSortedAndPagedByP95FollowThePercentilesWithNeverStartedGroupsAtTheEnd() {
        Instant from = END.minus(Duration.ofDays(60));
        List<String> groupBy = List.of("user", "partition");
        Map<String, Double> expected = percentileCont(from, groupBy, null);
        for (boolean descending : new boolean[] {true, false}) {
            List<Map<String, Object>> all = new ArrayList<>();
            long total = -1;
            for (int page = 1; page <= 20; page++) {
                UsageStore.Page p = usage.page(query(from, groupBy, null, descending ? "-p95Wait" : "p95Wait", page, 7));
                total = p.total();
                all.addAll(p.rows());
                if (p.rows().size() < 7) {
                    break;
                }
            }
            long groups = jdbc.sql("SELECT COUNT(DISTINCT user_name, partition_name) FROM acct_job WHERE cluster = ? AND end_time >= ? "
                    + "AND end_time < ?").params(CLUSTER, JobStore.utc(from), JobStore.utc(END)).query(Long.class).single();
            assertThat(all).hasSize((int) total).hasSize((int) groups);
            Comparator<BigDecimal> order = descending ? Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder())
                    : Comparator.nullsFirst(Comparator.<BigDecimal>naturalOrder());
            assertThat(all.stream().map(r -> (BigDecimal) r.get("p95Wait")).toList()).isSortedAccordingTo(order);
            assertThat(all).filteredOn(r -> "p95-never".equals(r.get("user"))).isNotEmpty()
                    .allMatch(r -> r.get("p95Wait") == null);
            for (Map<String, Object> row : all) {
                assertP95(row, expected.get(key(row, groupBy, null)), "sorted " + (descending ? "descending" : "ascending"));
            }
        }
    }

    @Test
    void aQuestionWithMoreWaitsThanTheLimitIsA400NamingMetricsNotAnOutOfMemory() {
        UsageQuery q = query(END.minus(Duration.ofDays(60)), List.of("user"), null, "jobs", 1, 50);
        assertThat(new WaitPercentiles(jdbcTemplate, 4000).p95(q)).isNotEmpty(); // 4,000 jobs, some never started
        assertThatThrownBy(() -> new WaitPercentiles(jdbcTemplate, 100).p95(q))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(400);
                    assertThat(e.getBody().getProperties()).extractingByKey("errors").asString().contains("field=metrics");
                    assertThat(e.getBody().getDetail()).contains("more than 100;");
                });
    }

    private static void assertP95(Map<String, Object> row, Double expected, String how) {
        BigDecimal actual = (BigDecimal) row.get("p95Wait");
        if (expected == null) {
            assertThat(actual).as("%s: %s", how, row).isNull();
        } else {
            assertThat(actual).as("%s: %s", how, row).isNotNull();
            assertThat(actual.doubleValue()).as("%s: %s", how, row).isCloseTo(expected, within(0.05 + 1e-9));
        }
    }

    private UsageQuery query(Instant from, List<String> groupBy, String period, String sort, int page, int size) {
        Filters f = new Filters(from, END, CLUSTER, List.of(), List.of(), List.of(), List.of(), List.of(), null, null);
        return new UsageQuery(f, groupBy, period, List.of("jobs", "meanWait", "p95Wait"), sort.replaceFirst("^-", ""),
                sort.startsWith("-"), page, size);
    }

    /** What MariaDB's own percentile says, per group with a started job. */
    private Map<String, Double> percentileCont(Instant from, List<String> groupBy, String period) {
        List<String> keys = new ArrayList<>();
        if (period != null) {
            keys.add(UsageStore.bucket(period, "DATE(end_time)"));
        }
        groupBy.forEach(g -> keys.add(UsageQuery.GROUPS.get(g)));
        String select = keys.isEmpty() ? "" : String.join(", ", keys) + ", ";
        String over = keys.isEmpty() ? "" : "PARTITION BY " + String.join(", ", keys);
        Map<String, Double> out = new HashMap<>();
        jdbc.sql("SELECT DISTINCT " + select + "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY wait_seconds) OVER (" + over
                        + ") AS p FROM acct_job WHERE cluster = ? AND end_time >= ? AND end_time < ? AND wait_seconds IS NOT NULL")
                .params(CLUSTER, JobStore.utc(from), JobStore.utc(END))
                .query((rs, n) -> {
                    String[] values = new String[keys.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getString(i + 1);
                    }
                    out.put(WaitPercentiles.key(values), rs.getDouble("p"));
                    return n;
                }).list();
        return out;
    }

    private static String key(Map<String, Object> row, List<String> groupBy, String period) {
        List<String> values = new ArrayList<>();
        if (period != null) {
            values.add((String) row.get("period"));
        }
        groupBy.forEach(g -> values.add((String) row.get(g)));
        return WaitPercentiles.key(values.toArray(String[]::new));
    }
}
