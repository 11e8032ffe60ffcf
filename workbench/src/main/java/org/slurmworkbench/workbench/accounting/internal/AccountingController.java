package org.slurmworkbench.workbench.accounting.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slurmworkbench.workbench.security.CurrentUser;
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
@RequestMapping("/api/v1/accounting")
class AccountingController {

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final AccountingParser parser;
    private final UsageRepository usage;
    private final JobSearch jobs;

    AccountingController(AccountingParser parser, UsageRepository usage, JobSearch jobs) {
        this.parser = parser;
        this.usage = usage;
        this.jobs = jobs;
    }

    @GetMapping(path = "/usage", produces = "application/json")
    Map<String, Object> usage(@RequestParam MultiValueMap<String, String> params) {
        UsageQuery q = parser.usage(params, CurrentUser.require());
        UsageRepository.Page page = usage.page(q);
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
        UsageRepository.Groups groups = usage.stream(q);
        try (CSVPrinter csv = csv(response, "cosmos-usage.csv", q.columns())) {
            groups.to(row -> print(csv, row));
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
        JobSearch.Page page = jobs.page(q);
        Map<String, Object> out = header(q.filters(), q.page(), q.size(), page.total());
        out.put("rows", page.rows());
        return out;
    }

    @GetMapping(path = "/jobs", produces = "text/csv")
    void jobsCsv(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response) throws IOException {
        JobQuery q = parser.jobs(params, CurrentUser.require());
        try (CSVPrinter csv = csv(response, "cosmos-jobs.csv", List.copyOf(JobQuery.COLUMNS.keySet()))) {
            jobs.stream(q, row -> print(csv, row));
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

    private static CSVPrinter csv(HttpServletResponse response, String file, List<String> columns) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
        CSVPrinter printer = new CSVPrinter(response.getWriter(), CSV);
        printer.printRecord(columns);
        return printer;
    }

    private static void print(CSVPrinter csv, Map<String, Object> row) {
        try {
            csv.printRecord(row.values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
