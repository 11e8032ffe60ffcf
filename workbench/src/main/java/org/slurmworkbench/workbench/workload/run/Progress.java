package org.slurmworkbench.workbench.workload.run;

import java.util.Map;

/**
 * How far a run has come: jobs by state, those in a submitter's hands ({@code inFlight}), the share settled
 * ({@code percent}: submitted, failed or cancelled), submissions per second over the last ten seconds and the
 * expected seconds left (null while nothing tells).
 */
record Progress(long total, long planned, long queued, long submitted, long failed, long cancelled, long inFlight,
                double percent, double rate, Long etaSeconds) {

    static Progress of(Map<JobState, Long> counts, long inFlight, double rate, long secondsOfPlanLeft) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long settled = counts.get(JobState.SUBMITTED) + counts.get(JobState.FAILED) + counts.get(JobState.CANCELLED);
        long left = total - settled;
        Long eta = left == 0 ? Long.valueOf(0) : rate > 0 ? Long.valueOf(Math.max(secondsOfPlanLeft, Math.round(left / rate))) : null;
        double percent = total == 0 ? 100 : Math.floor(1000.0 * settled / total) / 10.0;
        return new Progress(total, counts.get(JobState.PLANNED), counts.get(JobState.QUEUED), counts.get(JobState.SUBMITTED),
                counts.get(JobState.FAILED), counts.get(JobState.CANCELLED), inFlight, percent,
                Math.round(rate * 10) / 10.0, eta);
    }
}
