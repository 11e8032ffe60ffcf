package org.slurmworkbench.workbench.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.accounting.JobEfficiency;
import org.springframework.context.support.ResourceBundleMessageSource;

class JobOutcomeTest {

    private static JobOutcome.Task task(long id, String state, int exit, long elapsed, Long cpuMs, Long rss) {
        return new JobOutcome.Task(id, "sim", state, exit, elapsed, 10,
                new JobEfficiency(4, elapsed, cpuMs, 1, 1024, rss, 10, 0));
    }

    @Test
    void anArraySumsItsTasks() {
        // 2 busy CPUs of 4 for 60 s, and 1 of 4 for 30 s: (120 + 30) / (240 + 120) CPU-seconds
        JobOutcome o = JobOutcome.of("c", 100, List.of(task(100, "COMPLETED", 0, 60, 120_000L, 512L << 20),
                task(101, "FAILED", 3, 30, 30_000L, 256L << 20), task(102, "COMPLETED", 0, 45, 45_000L, null)));
        assertThat(o.tasks()).isEqualTo(3);
        assertThat(o.failed()).isTrue();
        assertThat(o.state()).isNull();
        assertThat(o.exitCode()).isEqualTo(3);
        assertThat(o.elapsedSeconds()).isEqualTo(60);
        assertThat(o.cpuEfficiency()).isCloseTo(195.0 / 540, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.memoryEfficiency()).isEqualTo(0.5);
    }

    @Test
    void anEndWithoutUsageHasNoEfficiency() {
        JobOutcome o = JobOutcome.of("c", 7, List.of(new JobOutcome.Task(7, "x", "COMPLETED", 0, 5, null, null)));
        assertThat(o.failed()).isFalse();
        assertThat(o.state()).isEqualTo("COMPLETED");
        assertThat(o.cpuEfficiency()).isNull();
        assertThat(o.timeLimitShare()).isNull();
    }

    @Test
    void theTextSaysWhatTheJobPageSaysInBothLanguages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        NotifyProperties p = new NotifyProperties(null, null, null, null, null, null, null, null, null,
                "https://wb.example.org/", null);
        MessageText text = new MessageText(messages, p);
        JobOutcome o = JobOutcome.of("lab", 1234567, List.of(task(1234567, "FAILED", 2, 90, 180_000L, 512L << 20)));
        MessageText.Text en = text.ended(o, Locale.ENGLISH);
        assertThat(en.subject()).contains("1234567").contains("did not complete").contains("FAILED");
        assertThat(en.body()).contains("exit code 2").contains("Elapsed 00:01:30 of a 00:10:00 time limit (15 %)")
                .contains("CPU efficiency 50 %").contains("memory efficiency 50 %")
                .contains("https://wb.example.org/submit/jobs/lab/1234567");
        MessageText.Text zh = text.ended(o, Locale.CHINESE);
        assertThat(zh.body()).contains("退出码 2").contains("CPU 效率 50 %");
        assertThat(org.slurmworkbench.workbench.web.Units.duration(90_061L)).isEqualTo("1-01:01:01");
    }
}
