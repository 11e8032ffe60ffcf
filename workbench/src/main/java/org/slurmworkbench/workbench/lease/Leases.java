package org.slurmworkbench.workbench.lease;

import java.time.Duration;
import java.util.List;

/** Named leases shared by every instance through MariaDB; time is MariaDB's clock, so instances' clocks don't matter. */
public interface Leases {

    /**
     * Takes the lease {@code name} for {@code duration} when it is free or expired, or renews it when this instance
     * holds it. @return true when this instance holds it now; false when another does, or MariaDB can't be reached
     */
    boolean hold(String name, Duration duration);

    /** Gives the lease up at once (on shutdown), if this instance holds it. */
    void release(String name);

    /** This instance's id as written into the leases it holds: host, process id and a random part. */
    String instanceId();

    /** Every lease with its holder and expiry, for the admin view and tests. */
    List<Lease> all();

    record Lease(String name, String holder, java.time.Instant expiresAt, java.time.Instant acquiredAt) {
    }
}
