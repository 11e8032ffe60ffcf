package org.slurmworkbench.workbench.workload.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.workbench.workload.run.RunSchedulerStore;
import org.slurmworkbench.workbench.workload.run.RunSchedulerStore.Phase;

/** The scheduler's work during a run: counters' growth added up reading by reading, a reset in between included. */
class SchedulerActivityTest {

    static final Instant T0 = Instant.parse("2026-12-06T23:59:00Z");
    static final Instant MIDNIGHT = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void addsTheGrowthBetweenReadingsAndCountsFromZeroAfterAReset() {
        List<RunSchedulerStore.Reading> readings = List.of(
                reading(1, Phase.START, diag(T0, T0.minusSeconds(3600), 100, 10, 50, 2000, 200, 40, 1000)),
                reading(2, Phase.STEP, diag(T0.plusSeconds(30), T0.minusSeconds(3600), 106, 12, 56, 2500, 210, 42, 1100)),
                // midnight: the counters start again from 0
                reading(3, Phase.END, diag(MIDNIGHT.plusSeconds(30), MIDNIGHT, 4, 1, 4, 300, 6, 1, 40)));
        SchedulerActivity a = SchedulerActivity.of(readings);
        assertThat(a.readings()).isEqualTo(3);
        assertThat(a.ended()).isTrue();
        assertThat(a.seconds()).isEqualTo(90);
        assertThat(a.jobsStarted()).isEqualTo(6 + 4);
        assertThat(a.jobsStartedByBackfill()).isEqualTo(2 + 1);
        assertThat(a.jobsStartedByMain()).isEqualTo(7);
        assertThat(a.mainCycles()).isEqualTo(6 + 4);
        assertThat(a.backfillCycles()).isEqualTo(10 + 6);
        assertThat(a.rpcs()).isEqualTo(100 + 40);
        assertThat(a.rpcsPerSecond()).isEqualTo(140 / 90.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(a.mainMaxMicros()).isEqualTo(2500);
        assertThat(SchedulerActivity.of(readings.subList(0, 1))).as("one reading tells nothing").isNull();
    }

    private static RunSchedulerStore.Reading reading(int seq, Phase phase, Diag d) {
        return new RunSchedulerStore.Reading(seq, phase, d.requestTime(), d);
    }

    /** A reading with main cycles, jobs started, backfill cycles, main max, RPCs; backfill starts since the reset. */
    private static Diag diag(Instant at, Instant since, long mainCycles, long bfStarted, int started, long mainMax,
                             long bfCycles, long mainMean, long rpcs) {
        return new Diag(at, since, 3, 0, started, started, 0, 0, 0, 0, 0, 100, mainMean, mainMax, mainCycles, 500, 800,
                bfCycles, bfStarted, new Diag.Main(null, null, 0L, null),
                new Diag.Backfill(null, null, null, null, 0L, bfStarted, null, null), new Diag.Agents(null, null, null),
                List.of(new Diag.RpcByType("REQUEST_JOB_INFO", 2003, rpcs, 10, rpcs * 10)), List.of());
    }
}
