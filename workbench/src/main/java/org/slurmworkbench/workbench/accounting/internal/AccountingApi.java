package org.slurmworkbench.workbench.accounting.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.web.CsvDownload;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/accounting/usage} (grouped) and {@code /jobs} (search): JSON pages, or the whole result as CSV
 * with {@code Accept: text/csv}, streamed row by row from the database.
 */
@RestController
@Tag(name = "Accounting", description = "Synced job history: grouped usage and job search, JSON pages or CSV")
@RequestMapping("/api/v1/accounting")
class AccountingApi {

    private final AccountingParser parser;
    private final UsageStore usage;
    private final JobSearchStore jobs;

    AccountingApi(AccountingParser parser, UsageStore usage, JobSearchStore jobs) {
        this.parser = parser;
        this.usage = usage;
        this.jobs = jobs;
    }

    @GetMapping(path = "/usage", produces = "application/json")
    Map<String, Object> usage(@RequestParam MultiValueMap<String, String> params) {
        UsageQuery q = parser.usage(params, CurrentUser.require());
        UsageStore.Page page = usage.page(q);
        Map<String, Object> out = header(q.filters(), q.page(), q.size(), page.total());
        out.put("groupBy", q.groupBy());
        out.put("period", q.period());
        out.put("metrics", q.metrics());
        out.put("source", q.source());
        out.put("totals", page.totals());
        out.put("rows", page.rows());
        return out;
    }

    @GetMapping(path = "/usage", produces = "text/csv")
    void usageCsv(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response) throws IOException {
        UsageQuery q = parser.usage(params, CurrentUser.require());
        UsageStore.Groups groups = usage.stream(q);
        try (CsvDownload csv = CsvDownload.start(response, "cosmos-usage.csv", q.columns())) {
            groups.to(row -> csv.row(row.values()));
        }
    }

    /** The same CSV for plain links (a browser download cannot set Accept). */
    @GetMapping("/usage.csv")
    void usageCsvLink(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response) throws IOException {
        usageCsv(params, response);
    }

    @GetMapping("/jobs.csv")
    void jobsCsvLink(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response) throws IOException {
        jobsCsv(params, response);
    }

    @GetMapping(path = "/jobs", produces = "application/json")
    Map<String, Object> jobs(@RequestParam MultiValueMap<String, String> params) {
        JobQuery q = parser.jobs(params, CurrentUser.require());
        JobSearchStore.Page page = jobs.page(q);
        Map<String, Object> out = header(q.filters(), q.page(), q.size(), page.total());
        out.put("rows", page.rows());
        return out;
    }

    @GetMapping(path = "/jobs", produces = "text/csv")
    void jobsCsv(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response) throws IOException {
        JobQuery q = parser.jobs(params, CurrentUser.require());
        try (CsvDownload csv = CsvDownload.start(response, "cosmos-jobs.csv", List.copyOf(JobQuery.COLUMNS.keySet()))) {
            jobs.stream(q, row -> csv.row(row.values()));
        }
    }

    private static Map<String, Object> header(Filters f, int page, int size, long total) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", f.from().toString());
        out.put("to", f.to().toString());
        out.put("page", page);
        out.put("size", size);
        out.put("total", total);
        return out;
    }
}
