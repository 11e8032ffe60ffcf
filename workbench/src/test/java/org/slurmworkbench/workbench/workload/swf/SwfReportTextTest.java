package org.slurmworkbench.workbench.workload.swf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.workload.plan.Plans;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The import report in plain sentences, English and Chinese, every sentence found in both bundles. */
class SwfReportTextTest {

    private static SwfReportText text() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new SwfReportText(messages);
    }

    private static SwfReport report(String swf, SwfOptions options) throws IOException {
        return SwfReader.read(new ByteArrayInputStream(swf.getBytes(StandardCharsets.US_ASCII)), "swf:t", options,
                Plans.lab(), Plans.USERS).report();
    }

    @Test
    void theReportSaysTheMachineTheFactorTheLoadsTheChangesAndTheUsersInBothLanguages() throws IOException {
        String swf = "; MaxNodes: 256\n"
                + "1 0 -1 100 1 -1 -1 -1 -1 -1 1 -1 -1 -1 0 -1 -1 -1\n"       // line 2: a quarter CPU -> 1
                + "2 100 -1 0 64 -1 -1 -1 -1 -1 1 -1 -1 -1 0 -1 -1 -1\n"      // 3: run time 0
                + "3 200 -1 100 x -1 -1 -1 -1 -1 1 -1 -1 -1 0 -1 -1 -1\n";    // 4: skipped
        SwfReport r = report(swf, SwfOptions.DEFAULTS);
        List<String> en = text().said(r, Locale.ENGLISH);
        assertThat(en).noneMatch(s -> s.contains("workload.swf."));
        assertThat(String.join("\n", en))
                .contains("The trace's machine has 256 processors: header MaxNodes 256, one processor per node")
                .contains("Job processors are scaled by 0.25 = 64 CPUs of partition cpu / 256 processors")
                .contains("Node counts are scaled by 2 nodes of the partition / 256 nodes")
                .contains("1 raised to 1 CPU, e.g. line 2 (job 1): 1 processor x factor = 0.25, 1 CPU.")
                .contains("1 with a run time under 1 s raised to 1 s, e.g. line 3 (job 2)")
                .contains("1 skipped: a field that is not a number, e.g. line 4: 3 200")
                .contains("2 jobs have no user (-1): they are spread by job number")
                .contains("Jobs per test user: alice 1, bob 1, carol 0.");
        // a quarter CPU asked as a whole one: the plan asks four times the trace's load
        assertThat(text().warnings(r, Locale.ENGLISH)).singleElement().asString()
                .startsWith("The plan's offered load (").contains("more than 5 %");
        List<String> zh = text().said(r, Locale.SIMPLIFIED_CHINESE);
        assertThat(zh).hasSameSizeAs(en).noneMatch(s -> s.contains("workload.swf."));
        assertThat(String.join("\n", zh)).contains("轨迹所在机器有 256 个处理器").contains("每个测试用户的作业数");
        assertThat(text().warnings(r, Locale.SIMPLIFIED_CHINESE)).singleElement().asString().contains("超过 5 %");
    }

    @Test
    void aPlanThatKeepsTheLoadHasNoWarningAndAnUnscaledImportSaysSo() throws IOException {
        String swf = "; MaxProcs: 64\n"
                + "1 0 -1 100 8 -1 -1 -1 -1 -1 1 1 -1 -1 0 -1 -1 -1\n"
                + "2 100 -1 100 16 -1 -1 -1 -1 -1 1 2 -1 -1 0 -1 -1 -1\n";
        SwfReport r = report(swf, SwfOptions.DEFAULTS);
        assertThat(text().warnings(r, Locale.ENGLISH)).isEmpty();
        SwfReport unscaled = report(swf, new SwfOptions(null, null, null, null, null, null, false, null, null, null));
        assertThat(text().said(unscaled, Locale.ENGLISH)).anyMatch(s -> s.startsWith("Job sizes are not scaled"));
        assertThat(text().said(unscaled, Locale.SIMPLIFIED_CHINESE)).anyMatch(s -> s.startsWith("作业规模未缩放"));
    }
}
