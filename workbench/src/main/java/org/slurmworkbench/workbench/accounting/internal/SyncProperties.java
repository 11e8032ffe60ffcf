package org.slurmworkbench.workbench.accounting.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code workbench.accounting.sync.*}: how often the incremental sync runs, how far each window reaches back over
 * the last one (so a job that changes while a window is being read is caught by the next), how far back a cluster
 * with no cursor starts, the most time one request to slurmdbd covers, and about how many job records one request
 * should hold ({@link SyncWindows} sizes the windows between the two), and how long a "sync now" request waits for
 * its sync before it answers that the sync goes on in the background.
 */
@ConfigurationProperties("workbench.accounting.sync")
record SyncProperties(Boolean enabled, Duration interval, Duration overlap, Duration initialLookback,
                      Duration backfillChunk, Integer windowJobs, Duration nowWait) {

    SyncProperties {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofMinutes(5) : interval;
        overlap = overlap == null ? Duration.ofMinutes(15) : overlap;
        initialLookback = initialLookback == null ? Duration.ofDays(1) : initialLookback;
        backfillChunk = backfillChunk == null ? Duration.ofDays(1) : backfillChunk;
        windowJobs = windowJobs == null ? 2000 : windowJobs;
        nowWait = nowWait == null ? Duration.ofSeconds(10) : nowWait;
    }
}
