package org.slurmworkbench.workbench.accounting.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much time one slurmdbd request of the sync covers, per cluster. slurmrestd builds a whole answer in memory
 * before sending it (about 1.5 GB for 10,000 jobs on 24.11; a lab slurmrestd asked for the tens of thousands of jobs
 * that benchmarks submit within an hour was killed by the kernel at 16-22 GB), so a window is sized by the jobs it
 * holds, not by the calendar: it starts at 15 minutes, halves after an answer of more than {@code windowJobs} records
 * or a failed request, and doubles after one of less than a quarter of that, between a minute and {@code max}. A
 * burst of more jobs within one minute than slurmrestd can hold in memory is still asked for at once: slurmdbd's REST
 * API has no way to page through one window.
 */
final class SyncWindows {

    static final Duration MIN = Duration.ofMinutes(1);
    static final Duration START = Duration.ofMinutes(15);

    private final int windowJobs;
    private final Map<String, Duration> sizes = new ConcurrentHashMap<>();

    SyncWindows(int windowJobs) {
        this.windowJobs = windowJobs;
    }

    /** The next window for this cluster, at most {@code max}. */
    Duration next(String cluster, Duration max) {
        Duration d = sizes.getOrDefault(cluster, START);
        return d.compareTo(max) > 0 ? max : d;
    }

    /** A window of {@code size} answered {@code jobs} records. */
    void answered(String cluster, Duration size, int jobs) {
        if (jobs > windowJobs) {
            shrink(cluster, size);
        } else if (jobs < windowJobs / 4) {
            sizes.put(cluster, size.multipliedBy(2));
        } else {
            sizes.put(cluster, size);
        }
    }

    /** A window of {@code size} got no answer (too big to build in time, or slurmrestd away): the next is smaller. */
    void failed(String cluster, Duration size) {
        shrink(cluster, size);
    }

    private void shrink(String cluster, Duration size) {
        Duration half = size.dividedBy(2);
        sizes.put(cluster, half.compareTo(MIN) < 0 ? MIN : half);
    }
}
