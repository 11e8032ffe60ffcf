package org.slurmworkbench.workbench.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every CSV the app answers (RFC 4180, CRLF), written row by row. Text that a spreadsheet would read as a formula
 * (a cell beginning with {@code = + - @}, tab or carriage return: OWASP's rule) gets a leading {@code '}, since
 * job names, users and the like are typed by anyone; numbers and other values the app itself writes are left as
 * they are, so a negative number stays a number.
 */
public final class CsvDownload implements Closeable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final CSVPrinter printer;

    private CsvDownload(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
    }

    /** Sets the response up as a CSV attachment named {@code fileName} and writes the header row. */
    public static CsvDownload start(HttpServletResponse response, String fileName, List<String> columns) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        return to(response.getWriter(), columns);
    }

    /** A CSV with the header row {@code columns} written to {@code out}. */
    public static CsvDownload to(Writer out, List<String> columns) throws IOException {
        CsvDownload csv = new CsvDownload(out);
        csv.row(columns);
        return csv;
    }

    public void row(Object... values) {
        row(Arrays.asList(values));
    }

    /** One record; null is an empty cell. Unchecked, so it can be written from a streaming callback. */
    public void row(Iterable<?> values) {
        List<Object> cells = new ArrayList<>();
        values.forEach(v -> cells.add(cell(v)));
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A value as a spreadsheet may safely read it: text that could start a formula gets a leading {@code '}; a whole
     * double is written as an integer ("233", not "233.0").
     */
    static Object cell(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return Units.number((Number) value);
        }
        if (value instanceof CharSequence text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
