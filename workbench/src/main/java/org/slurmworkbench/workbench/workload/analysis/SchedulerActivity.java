package org.slurmworkbench.workbench.workload.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.workbench.scheduler.SchedulerSample;
import org.slurmworkbench.workbench.workload.run.RunSchedulerStore;

/**
 * What the scheduler did during a run, from the run's /diag readings: the growth of sdiag's counters between its
 * first and last reading, added up reading by reading ({@link SchedulerSample}, so a reset at midnight or a restart
 * in between loses nothing but what ran between the reset and the next reading). Cycle times in microseconds; a
 * mean is total / cycles; a max is sdiag's max where it grew during the run, else the longest of the last cycles read
 * and of the mean cycles between readings (a lower bound, never below the mean), never above sdiag's max. {@code ended} is false while the last reading is not the run's end. The counters are the cluster's:
 * other users' jobs on the same cluster count too.
 */
record SchedulerActivity(int readings, Instant from, Instant to, boolean ended, long seconds, long mainCycles,
                         Long mainMeanMicros, long mainMaxMicros, long backfillCycles, Long backfillMeanMicros,
                         long backfillMaxMicros, long jobsStarted, long jobsStartedByBackfill, long jobsStartedByMain,
                         long rpcs, Double rpcsPerSecond) {

    /** Null with fewer than two readings (nothing to tell yet, or a run from before readings were taken). */
    static SchedulerActivity of(List<RunSchedulerStore.Reading> readings) {
        if (readings.size() < 2) {
            return null;
        }
        long mainCycles = 0, mainMicros = 0, mainMax = 0, bfCycles = 0, bfMicros = 0, bfMax = 0, started = 0,
                bfStarted = 0, rpcs = 0;
        Diag previous = null;
        for (RunSchedulerStore.Reading r : readings) {
            SchedulerSample s = SchedulerSample.of(previous, r.diag());
            if (s == null) {
                continue;
            }
            if (previous != null) {
                mainCycles += s.mainCycles();
                mainMicros += s.mainCycleMicros();
                bfCycles += s.backfillCycles();
                bfMicros += s.backfillCycleMicros();
                started += s.jobsStarted();
                bfStarted += s.backfillJobsStarted();
                rpcs += s.rpcs();
                // at least the longest seen and the mean of the interval's cycles; at most sdiag's max since its
                // reset (slurmctld's last cycle, which the longest may be, also counts cycles its max does not)
                if (s.mainCycles() > 0) {
                    mainMax = Math.max(mainMax, Math.min(r.diag().scheduleCycleMaxMicros(),
                            Math.max(s.mainLongest(), s.mainCycleMicros() / s.mainCycles())));
                }
                if (s.backfillCycles() > 0) {
                    Long bfCap = r.diag().backfill().cycleMaxMicros();
                    long longest = Math.max(s.backfillLongest(), s.backfillCycleMicros() / s.backfillCycles());
                    bfMax = Math.max(bfMax, bfCap == null ? longest : Math.min(bfCap, longest));
                }
            }
            previous = r.diag();
        }
        Instant from = readings.getFirst().takenAt();
        Instant to = readings.getLast().takenAt();
        long seconds = Math.max(0, Duration.between(from, to).toSeconds());
        return new SchedulerActivity(readings.size(), from, to,
                readings.getLast().phase() == RunSchedulerStore.Phase.END, seconds, mainCycles,
                mainCycles == 0 ? null : mainMicros / mainCycles, mainMax, bfCycles,
                bfCycles == 0 ? null : bfMicros / bfCycles, bfMax, started, bfStarted, Math.max(0, started - bfStarted),
                rpcs, seconds == 0 ? null : Math.round(rpcs * 100.0 / seconds) / 100.0);
    }

    /** Each metric by name, in the order the page and the comparison show them. */
    Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mainCycles", (double) mainCycles);
        m.put("mainMeanMicros", mainMeanMicros == null ? null : (double) mainMeanMicros);
        m.put("mainMaxMicros", (double) mainMaxMicros);
        m.put("backfillCycles", (double) backfillCycles);
        m.put("backfillMeanMicros", backfillMeanMicros == null ? null : (double) backfillMeanMicros);
        m.put("backfillMaxMicros", (double) backfillMaxMicros);
        m.put("jobsStarted", (double) jobsStarted);
        m.put("jobsStartedByMain", (double) jobsStartedByMain);
        m.put("jobsStartedByBackfill", (double) jobsStartedByBackfill);
        m.put("rpcs", (double) rpcs);
        m.put("rpcsPerSecond", rpcsPerSecond);
        m.put("seconds", (double) seconds);
        return m;
    }
}
