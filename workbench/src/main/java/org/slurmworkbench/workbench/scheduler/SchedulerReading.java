package org.slurmworkbench.workbench.scheduler;

import java.time.Instant;
import org.slurmworkbench.slurm.Diag;

/**
 * The last {@code /diag} read of a cluster: {@code diag} and when slurmrestd answered ({@code fetchedAt}), both null
 * if it never has. {@code stale} is true when the last attempt to renew it failed; {@code error} then says why.
 * {@code release} and {@code apiVersion} are the cluster's, which decide the fields {@code diag} offers.
 */
public record SchedulerReading(String cluster, Instant fetchedAt, boolean stale, String error, String release,
                               String apiVersion, Diag diag) {

    public boolean hasData() {
        return diag != null;
    }
}
