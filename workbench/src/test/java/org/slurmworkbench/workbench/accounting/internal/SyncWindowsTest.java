package org.slurmworkbench.workbench.accounting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncWindowsTest {

    private final SyncWindows windows = new SyncWindows(2000);
    private final Duration day = Duration.ofDays(1);

    @Test
    void startsAtAQuarterOfAnHourNeverPastTheMaximum() {
        assertThat(windows.next("a", day)).isEqualTo(Duration.ofMinutes(15));
        assertThat(windows.next("a", Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void halvesWhenAWindowHeldTooManyJobsOrFailedAndNotBelowAMinute() {
        windows.answered("a", Duration.ofHours(1), 2001);
        assertThat(windows.next("a", day)).isEqualTo(Duration.ofMinutes(30));
        windows.failed("a", Duration.ofMinutes(30));
        assertThat(windows.next("a", day)).isEqualTo(Duration.ofMinutes(15));
        windows.answered("a", Duration.ofMinutes(15), 2001);
        assertThat(windows.next("a", day)).isEqualTo(Duration.ofSeconds(450));
        for (int i = 0; i < 10; i++) {
            windows.answered("a", windows.next("a", day), 50_000);
        }
        assertThat(windows.next("a", day)).isEqualTo(SyncWindows.MIN);
        assertThat(windows.next("b", day)).as("per cluster").isEqualTo(SyncWindows.START);
    }

    @Test
    void doublesWhenSparseUpToTheMaximumAndStaysWhenAboutRight() {
        windows.answered("a", Duration.ofHours(1), 499);
        assertThat(windows.next("a", day)).isEqualTo(Duration.ofHours(2));
        windows.answered("a", Duration.ofHours(2), 500);
        assertThat(windows.next("a", day)).isEqualTo(Duration.ofHours(2));
        windows.answered("a", Duration.ofHours(2), 2000);
        assertThat(windows.next("a", day)).isEqualTo(Duration.ofHours(2));
        for (int i = 0; i < 10; i++) {
            windows.answered("a", windows.next("a", day), 0);
        }
        assertThat(windows.next("a", day)).isEqualTo(day);
    }
}
