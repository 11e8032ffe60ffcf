package org.slurmworkbench.workbench.accounting.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.workbench.cluster.ClusterStatus;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.shared.Problems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Accounting · Cosmos": a GET form, so the whole query lives in the URL (bookmark, share, back button); usage as a
 * sortable, paginated table and a chart, or the matching jobs; a CSV link to the API with the same query.
 */
@Controller
class AccountingPages {

    private static final DateTimeFormatter SYNCED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RANGE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final AccountingParser parser;
    private final UsageStore usage;
    private final JobSearchStore jobs;
    private final Clusters clusters;
    private final AccountingSync sync;
    private final JsonMapper json;
    private final MessageSource messages;

    AccountingPages(AccountingParser parser, UsageStore usage, JobSearchStore jobs, Clusters clusters, AccountingSync sync,
                   JsonMapper json, MessageSource messages) {
        this.messages = messages;
        this.parser = parser;
        this.usage = usage;
        this.jobs = jobs;
        this.clusters = clusters;
        this.sync = sync;
        this.json = json;
    }

    record Column(String name, String sortUrl, boolean sorted, boolean descending) {
    }

    @GetMapping("/accounting")
    String page(@RequestParam MultiValueMap<String, String> params, HttpServletRequest request, Model model) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>(params);
        query.remove("lang");
        String view = "jobs".equals(query.getFirst("view")) ? "jobs" : "usage";
        query.remove("view");
        // what the chart draws: the page's own choice, not a question of the API
        String chart = UsageChart.METRICS.contains(query.getFirst("chart")) ? query.getFirst("chart") : "cpuHours";
        query.remove("chart");
        if (query.isEmpty()) { // nothing asked yet (a language or view switch asks nothing): usage by user
            query.add("groupBy", "user");
        }
        // every link of the page (sort, pages, ranges) starts from the query as shown, the default grouping included
        MultiValueMap<String, String> shown = new LinkedMultiValueMap<>(query);
        if (view.equals("jobs")) {
            shown.set("view", "jobs");
            List.of("groupBy", "period", "metrics").forEach(shown::remove); // usage's own: not the jobs view's
        }
        if (!chart.equals("cpuHours")) {
            shown.set("chart", chart);
        }
        Links links = new Links(shown);
        model.addAttribute("nav", "accounting");
        model.addAttribute("view", view);
        model.addAttribute("clusterNames", clusters.names());
        model.addAttribute("q", query);
        model.addAttribute("groupNames", UsageQuery.GROUP_NAMES);
        model.addAttribute("periods", UsageQuery.PERIODS);
        model.addAttribute("metricNames", UsageQuery.METRICS);
        model.addAttribute("chartMetrics", UsageChart.METRICS);
        model.addAttribute("chartMetric", chart);
        model.addAttribute("shareMetrics", UsageChart.SHARES);
        model.addAttribute("presets", presets(links));
        model.addAttribute("selectedGroups", split(query.get("groupBy")));
        model.addAttribute("selectedMetrics", split(query.get("metrics")).isEmpty() ? UsageQuery.DEFAULT_METRICS : split(query.get("metrics")));
        Map<String, SyncStatus> synced = syncedByCluster();
        model.addAttribute("behind", behind(query.getFirst("cluster"), synced));
        model.addAttribute("syncs", CurrentUser.require().isAdmin() ? syncRows(synced) : List.of());
        try {
            if (view.equals("usage")) {
                usage(query, chart, links, model);
            } else {
                jobs(query, links, model);
            }
        } catch (ErrorResponseException e) {
            model.addAttribute("problem", problems(e.getBody()));
        }
        return "accounting/page";
    }

    private void usage(MultiValueMap<String, String> query, String chart, Links links, Model model) {
        UsageQuery q = parser.usage(query, CurrentUser.require());
        UsageStore.Page page = usage.page(q);
        UsageQuery chartQuery = new UsageQuery(q.filters(), q.groupBy(), q.period(),
                chart.equals("cpuHours") ? List.of("cpuHours") : List.of("cpuHours", chart),
                q.period() != null ? "period" : "cpuHours", q.period() == null, 1, 1000);
        model.addAttribute("columns", columns(q.columns(), q.sort(), q.descending(), links));
        model.addAttribute("rows", page.rows());
        model.addAttribute("totals", page.totals());
        model.addAttribute("pages", pages(page.total(), q.page(), q.size(), links));
        java.util.Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("chartJson", json.writeValueAsString(UsageChart.of(chartQuery, chart, usage.page(chartQuery).rows(),
                word -> messages.getMessage(word.equals("all") || word.equals("other") ? "accounting.chart." + word
                        : "accounting.col." + word, null, locale))));
        model.addAttribute("csvUrl", apiUrl("/api/v1/accounting/usage.csv", query));
        model.addAttribute("from", q.filters().from());
        model.addAttribute("to", q.filters().to());
    }

    private void jobs(MultiValueMap<String, String> query, Links links, Model model) {
        query.remove("groupBy");
        query.remove("period");
        query.remove("metrics");
        JobQuery q = parser.jobs(query, CurrentUser.require());
        JobSearchStore.Page page = jobs.page(q);
        model.addAttribute("columns", columns(JOB_PAGE_COLUMNS, q.sort(), q.descending(), links));
        model.addAttribute("rows", page.rows().stream().map(AccountingPages::withJobLink).toList());
        model.addAttribute("pages", pages(page.total(), q.page(), q.size(), links));
        model.addAttribute("csvUrl", apiUrl("/api/v1/accounting/jobs.csv", query));
        model.addAttribute("from", q.filters().from());
        model.addAttribute("to", q.filters().to());
    }

    /**
     * One cluster's line in the admins' sync panel; {@code syncedUntil} null: never synced; {@code backfill} the last
     * backfill's range and {@code backfillPercent} how far it got (null: none was asked for).
     */
    record SyncRow(String cluster, String syncedUntil, boolean syncing, String lastError, String backfill,
                   Long backfillPercent) {
    }

    private Map<String, SyncStatus> syncedByCluster() {
        Map<String, SyncStatus> synced = new LinkedHashMap<>();
        sync.statuses().forEach(s -> synced.put(s.cluster(), s));
        return synced;
    }

    private List<SyncRow> syncRows(Map<String, SyncStatus> synced) {
        List<SyncRow> rows = new ArrayList<>();
        for (String name : clusters.names()) {
            SyncStatus s = synced.get(name);
            rows.add(s == null ? new SyncRow(name, null, false, null, null, null) : new SyncRow(name,
                    s.syncedUntil() == null ? null : SYNCED.format(s.syncedUntil()), s.syncing(), s.lastError(),
                    s.backfillFrom() == null ? null : RANGE.format(s.backfillFrom()) + " – " + SYNCED.format(s.backfillTo()),
                    s.backfillProgress() == null ? null : (long) Math.floor(s.backfillProgress() * 100)));
        }
        return rows;
    }

    /** The sync panel's rows, which it renews every few seconds (htmx) while a sync or backfill goes on. */
    @GetMapping("/accounting/sync-rows")
    String syncRows(Model model) {
        requireAdmin();
        model.addAttribute("syncs", syncRows(syncedByCluster()));
        return "accounting/page :: syncRows";
    }

    /**
     * The admins' backfill form (htmx): the same as {@code POST /api/v1/accounting/sync/backfill}, answered as a line:
     * started (progress in the panel), or which field is wrong and why.
     */
    @PostMapping("/accounting/backfill")
    String backfill(@RequestParam MultiValueMap<String, String> params, Model model) {
        requireAdmin();
        MultiValueMap<String, String> asked = new LinkedMultiValueMap<>(params);
        asked.remove("_csrf");
        try {
            BackfillRange range = BackfillRange.parse(asked, clusters);
            sync.startBackfill(range);
            model.addAttribute("backfill", List.of(range.cluster(), SYNCED.format(range.from()), SYNCED.format(range.to())));
        } catch (ErrorResponseException e) {
            model.addAttribute("problem", problems(e.getBody()));
        }
        return "accounting/sync-result :: backfill";
    }

    private static void requireAdmin() {
        if (!CurrentUser.require().isAdmin()) {
            throw new AccessDeniedException("accounting sync is for admins");
        }
    }

    /**
     * The admins' "sync now" button (htmx): the same sync as {@code POST /api/v1/accounting/sync/now}, answered as a
     * line of text in the panel: done with the records read, going on in the background, or why it failed.
     */
    @PostMapping("/accounting/sync")
    String syncNow(@RequestParam String cluster, Model model) throws InterruptedException {
        requireAdmin();
        if (!clusters.names().contains(cluster)) {
            throw Problems.exception(HttpStatus.NOT_FOUND, null, "no cluster " + cluster);
        }
        try {
            model.addAttribute("outcome", sync.syncNow(cluster));
        } catch (SlurmException e) {
            model.addAttribute("syncError", e.getMessage());
        }
        return "accounting/sync-result";
    }

    /** A cluster whose figures may be behind, and until when they were synced ({@code null}: never). */
    record Behind(String cluster, String syncedUntil) {
    }

    /**
     * The clusters shown (the one asked for, or all) whose Slurm cannot be read now, or whose last sync failed: their
     * figures are the stored ones of the last sync, which the page says instead of failing.
     */
    private List<Behind> behind(String cluster, Map<String, SyncStatus> synced) {
        List<Behind> out = new ArrayList<>();
        for (ClusterStatus status : clusters.statuses()) {
            SyncStatus s = synced.get(status.name());
            if ((cluster == null || cluster.isBlank() || cluster.equals(status.name()))
                    && (!status.reachable() || s != null && s.lastError() != null)) {
                out.add(new Behind(status.name(), s == null || s.syncedUntil() == null ? null
                        : SYNCED.format(s.syncedUntil())));
            }
        }
        return out;
    }

    /**
     * The jobs view's columns: the ones a reader compares, with the job named as Slurm writes it ({@code 12_3} for an
     * array task, {@code 12+1} for a heterogeneous component) and linked to its page; the CSV has every column.
     */
    static final List<String> JOB_PAGE_COLUMNS = List.of("jobId", "cluster", "name", "user", "account", "partition", "qos",
            "state", "exitCode", "submit", "start", "end", "waitSeconds", "elapsedSeconds", "timeLimitMinutes", "cpus",
            "nodes", "gpus", "memoryMb");

    /** A job row as the page shows it: its name and link as Slurm writes the job, times without the ISO T and Z. */
    private static Map<String, Object> withJobLink(Map<String, Object> row) {
        Map<String, Object> m = new LinkedHashMap<>(row);
        String id = String.valueOf(row.get("jobId"));
        String shown = id;
        if (row.get("arrayJobId") != null && row.get("arrayTaskId") != null) {
            shown = row.get("arrayJobId") + "_" + row.get("arrayTaskId");
            id = shown;
        } else if (row.get("hetJobId") != null && row.get("hetJobOffset") != null) {
            shown = row.get("hetJobId") + "+" + row.get("hetJobOffset");
        }
        m.put("jobLabel", shown);
        if (row.get("state") instanceof String state && !org.slurmworkbench.slurm.Job.finished(state)) {
            m.put("exitCode", null); // slurmdbd writes 0 for a job that has not ended
        }
        for (String time : List.of("submit", "eligible", "start", "end")) { // ISO in the API, "2026-12-07 08:27:15" here
            if (row.get(time) instanceof String t && t.length() >= 19) {
                m.put(time, t.substring(0, 10) + " " + t.substring(11, 19));
            }
        }
        m.put("jobUrl", UriComponentsBuilder.fromPath("/submit/jobs/{cluster}/{id}").buildAndExpand(row.get("cluster"), id)
                .encode().toUriString());
        return m;
    }

    /** The page's own URL with the query it shows, the default grouping included: where its links start. */
    record Links(MultiValueMap<String, String> shown) {

        UriComponentsBuilder here() {
            return UriComponentsBuilder.fromPath("/accounting").queryParams(shown);
        }
    }

    /** Column headers linking to the same URL sorted by them (again: the other direction). */
    private static List<Column> columns(List<String> names, String sort, boolean desc, Links links) {
        List<Column> out = new ArrayList<>();
        for (String n : names) {
            boolean sorted = n.equals(sort) || (n.equals("share") && sort.equals("cpuHours"));
            String next = sorted && !desc ? "-" + n : n;
            out.add(new Column(n, links.here().replaceQueryParam("sort", next).replaceQueryParam("page").encode().build().toUriString(),
                    n.equals(sort), desc));
        }
        return out;
    }

    /** Links to neighbouring pages: first, previous, next, last, with the current page and count. */
    private static Map<String, Object> pages(long total, int page, int size, Links links) {
        long last = Math.max(1, (total + size - 1) / size);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", total);
        m.put("page", page);
        m.put("last", last);
        m.put("prev", page > 1 ? links.here().replaceQueryParam("page", page - 1).encode().build().toUriString() : null);
        m.put("next", page < last ? links.here().replaceQueryParam("page", page + 1).encode().build().toUriString() : null);
        return m;
    }

    private static String apiUrl(String path, MultiValueMap<String, String> query) {
        MultiValueMap<String, String> q = new LinkedMultiValueMap<>(query);
        q.remove("page");
        q.remove("size");
        return UriComponentsBuilder.fromPath(path).queryParams(q).encode().build().toUriString();
    }

    /** A refused query's errors, field -> message, for {@code layout :: fieldErrors}. */
    private static Map<String, String> problems(ProblemDetail problem) {
        Object errors = problem.getProperties() == null ? null : problem.getProperties().get("errors");
        Map<String, String> out = new LinkedHashMap<>();
        if (errors instanceof List<?> list) {
            for (Object e : list) {
                if (e instanceof Map<?, ?> m) {
                    out.put(String.valueOf(m.get("field")), String.valueOf(m.get("message")));
                }
            }
        }
        if (out.isEmpty()) {
            out.put("", String.valueOf(problem.getDetail()));
        }
        return out;
    }

    private static List<String> split(List<String> values) {
        return values == null ? List.of() : values.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** Preset ranges as links: the query shown (its grouping, view and chart too) with other dates. */
    private static List<Map<String, String>> presets(Links links) {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        List<Map<String, String>> out = new ArrayList<>();
        for (int days : new int[] {1, 7, 30, 90, 365}) {
            out.add(Map.of("key", "accounting.preset.days" + days, "id", "preset-" + days,
                    "url", links.here().replaceQueryParam("from", tomorrow.minusDays(days).toString())
                            .replaceQueryParam("to", tomorrow.toString()).replaceQueryParam("page").encode().build().toUriString()));
        }
        return out;
    }
}
