package org.slurmworkbench.workbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvDownloadTest {

    private static String write(Object... values) throws IOException {
        StringWriter out = new StringWriter();
        try (CsvDownload csv = CsvDownload.to(out, List.of("a"))) {
            csv.row(Arrays.asList(values));
        }
        return out.toString().substring("a\r\n".length());
    }

    @Test
    void textThatASpreadsheetWouldRunGetsALeadingQuote() throws IOException {
        assertThat(write("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
        assertThat(write("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0\r\n");
        assertThat(write("-2+3", "@SUM(1)")).isEqualTo("'-2+3,'@SUM(1)\r\n");
        assertThat(write("\t=1", "\r=1")).isEqualTo("'\t=1,\"'\r=1\"\r\n");
    }

    @Test
    void numbersAndPlainTextStayAsTheyAre() throws IOException {
        assertThat(write(-5L, -1.5, new BigDecimal("-0.25"), 0, "alice", "a=b", "", null, Instant.EPOCH))
                .isEqualTo("-5,-1.5,-0.25,0,alice,a=b,,,1970-01-01T00:00:00Z\r\n");
    }

    /** WB-11: counts kept as doubles were written "233.0". */
    @Test
    void wholeDoublesAreWrittenAsIntegers() throws IOException {
        assertThat(write(233.0, -3.0, 0.446814, 2.5f, Double.NaN)).isEqualTo("233,-3,0.446814,2.5,NaN\r\n");
        assertThat(Units.number(233.0)).isEqualTo("233");
        assertThat(Units.number(1e20)).isEqualTo("1.0E20");
        assertThat(Units.number(null)).isEmpty();
    }
}
