package org.slurmworkbench.workbench.accounting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The memory and time-limit measures one job adds to its rollup rows, in V95's integers. */
class RollupDeltasTest {

    private static RollupDeltas.Counted job(int nodes, long memoryMb, Long maxRss, Integer limitMin, long elapsed) {
        return new RollupDeltas.Counted(LocalDate.of(2026, 12, 7), "u", "a", "p", "q", "COMPLETED", elapsed * 4, 0, 5L,
                elapsed, 1000L, nodes, memoryMb, maxRss, limitMin);
    }

    @Test
    void memoryAndTimeLimitAreCountedPerNodeAndInMillionths() {
        RollupDeltas d = new RollupDeltas();
        // 2 nodes x 1000 MiB, peak 300 MiB + 1 byte, 40 s of a 5-minute limit
        d.add(job(2, 2000, (300L << 20) + 1, 5, 40));
        RollupDeltas.Sums s = d.daily().values().iterator().next();
        assertThat(s.memJobs).isEqualTo(1);
        assertThat(s.memRequestedMbSeconds).isEqualTo(2000 * 40);
        assertThat(s.memPeakMbSeconds).isEqualTo(300 * 2 * 40);
        assertThat(s.memRequestedMb).isEqualTo(1000);
        assertThat(s.memPeakMb).isEqualTo(300);
        assertThat(s.memEfficiencyPpm).isEqualTo(300_000);
        assertThat(s.limitJobs).isEqualTo(1);
        assertThat(s.limitUsePpm).isEqualTo(133_333);
        assertThat(s.lowLimitJobs).isEqualTo(1);
    }

    @Test
    void jobsWithoutSampledMemoryOrLimitCountForNeitherAndSubtractingUndoes() {
        RollupDeltas d = new RollupDeltas();
        d.add(job(1, 1000, null, null, 40));
        d.add(job(1, 0, 5L << 20, 0, 40));
        RollupDeltas.Sums s = d.daily().values().iterator().next();
        assertThat(s.memJobs).isZero();
        assertThat(s.limitJobs).isZero();
        RollupDeltas undo = new RollupDeltas();
        undo.add(job(2, 2000, 300L << 20, 5, 100));
        undo.subtract(job(2, 2000, 300L << 20, 5, 100));
        assertThat(undo.daily()).isEmpty();
    }
}
