package org.slurmworkbench.workbench.accounting.internal;

import java.time.Duration;
import java.time.Instant;

/** The sync state of one cluster as the API shows it; {@code syncing} while an incremental sync of it runs here. */
record SyncStatus(String cluster, Instant syncedUntil, int lastJobs, String lastError, boolean syncing,
                         Instant backfillFrom, Instant backfillTo, Instant backfillDone, Double backfillProgress) {

    static SyncStatus of(SyncCursorStore.Cursor c, boolean syncing) {
        Double progress = null;
        if (c.backfillFrom() != null && c.backfillTo() != null) {
            long total = Math.max(1, Duration.between(c.backfillFrom(), c.backfillTo()).getSeconds());
            Instant done = c.backfillDone() == null ? c.backfillFrom() : c.backfillDone();
            progress = Math.min(1.0, Duration.between(c.backfillFrom(), done).getSeconds() / (double) total);
        }
        return new SyncStatus(c.cluster(), c.syncedUntil(), c.lastJobs(), c.lastError(), syncing, c.backfillFrom(),
                c.backfillTo(), c.backfillDone(), progress);
    }
}
