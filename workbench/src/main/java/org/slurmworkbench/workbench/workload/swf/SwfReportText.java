package org.slurmworkbench.workbench.workload.swf;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slurmworkbench.workbench.workload.swf.SwfReport.ChangeExample;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Example;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Load;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Machine;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * An SWF import report in plain sentences of the request's language, for the preview before anything is created:
 * the trace's machine and where its size came from, the factor, both offered loads, each kind of change and skip with
 * an example line, and where the trace's users went; and the warnings worth stopping for.
 */
@Component
class SwfReportText {

    private final MessageSource messages;

    SwfReportText(MessageSource messages) {
        this.messages = messages;
    }

    List<String> said(SwfReport r, Locale locale) {
        List<String> said = new ArrayList<>();
        Machine m = r.machine();
        said.add(msg("workload.swf.machine." + m.source(), locale, m.processors(), m.nodes(), m.processorsPerNode(),
                m.largestJob()));
        String partition = r.partition().name() == null ? "(default)" : r.partition().name();
        if (!r.scaled()) {
            said.add(msg("workload.swf.notScaled", locale, partition, r.partition().cpus()));
        } else {
            said.add(msg("workload.swf.factor", locale, decimal(r.factor()), r.partition().cpus(), partition, m.processors()));
            if (m.nodes() != null) {
                said.add(msg("workload.swf.factor.nodes", locale, r.partition().nodes(), m.nodes()));
            }
        }
        Load load = r.load();
        said.add(msg("workload.swf.load", locale, loadText(load.traceLoad()), m.processors(), loadText(load.planLoad()),
                r.partition().cpus(), load.change() == null ? "–" : percent(load.change())));
        said.add(msg("workload.swf.cpuSeconds", locale, Math.round(load.traceProcessorSeconds()),
                Math.round(load.expectedCpuSeconds()), Math.round(load.planCpuSeconds())));
        said.add(msg("workload.swf.changed", locale, r.changedJobs(), r.imported()));
        r.changedBy().forEach((change, count) -> {
            ChangeExample e = r.changes().stream().filter(c -> c.change() == change).findFirst().orElseThrow();
            said.add(msg("workload.swf.change." + change, locale, count, id(e.line()), id(e.job()), e.processors(),
                    decimal(e.scaled()), e.cpus(), e.runSeconds(), e.planRunSeconds()));
        });
        r.skippedBy().forEach((reason, count) -> {
            Example e = r.examples().stream().filter(x -> x.reason() == reason).findFirst().orElseThrow();
            said.add(msg("workload.swf.skip", locale, count, msg("workload.swf.reason." + reason, locale), id(e.line()),
                    e.text()));
        });
        SwfReport.Users u = r.users();
        said.add(msg("workload.swf.users", locale, String.join(", ", u.testUsers()), u.testUsers().size(),
                u.traceUsers()));
        if (u.jobsWithoutUser() > 0) {
            said.add(msg("workload.swf.users.none", locale, u.jobsWithoutUser(), u.testUsers().size()));
        }
        said.add(msg("workload.swf.users.jobs", locale, u.jobsPerTestUser().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        return said;
    }

    List<String> warnings(SwfReport r, Locale locale) {
        Load load = r.load();
        return load.warn()
                ? List.of(msg("workload.swf.warning.load", locale, loadText(load.traceLoad()), loadText(load.planLoad()),
                        percent(load.change())))
                : List.of();
    }

    /** A line or job number as typed, without a thousands separator. */
    private static String id(long n) {
        return Long.toString(n);
    }

    /** Four significant digits, no exponent, no trailing zeros: 0.5, 0.3125, 128. */
    private static String decimal(double v) {
        return BigDecimal.valueOf(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String loadText(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%+.1f %%", v * 100);
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
