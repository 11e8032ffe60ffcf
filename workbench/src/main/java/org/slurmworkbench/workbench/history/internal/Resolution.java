package org.slurmworkbench.workbench.history.internal;

import java.time.Duration;
import java.util.List;

/** The stored resolutions, finest first. */
enum Resolution {
    MINUTE(60), HOUR(3600), DAY(86400);

    final int seconds;

    Resolution(int seconds) {
        this.seconds = seconds;
    }

    long bucket(long epochSecond) {
        return Math.floorDiv(epochSecond, seconds) * seconds;
    }

    /** The coarsest resolution that still has at least one row per {@code step}. */
    static Resolution forStep(Duration step) {
        Resolution best = MINUTE;
        for (Resolution r : List.of(values())) {
            if (r.seconds <= step.toSeconds()) {
                best = r;
            }
        }
        return best;
    }
}
