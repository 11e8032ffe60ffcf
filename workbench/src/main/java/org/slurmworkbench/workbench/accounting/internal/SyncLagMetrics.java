package org.slurmworkbench.workbench.accounting.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code workbench.accounting.sync.lag} per cluster: seconds between now and the end of the last stored sync window
 * (NaN before the first sync or while MariaDB cannot be read), so an alert can fire when the sync falls behind.
 */
@Component
class SyncLagMetrics implements MeterBinder {

    private final Clusters clusters;
    private final SyncCursorStore cursors;

    SyncLagMetrics(Clusters clusters, SyncCursorStore cursors) {
        this.clusters = clusters;
        this.cursors = cursors;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String cluster : clusters.names()) {
            Gauge.builder("workbench.accounting.sync.lag", () -> lagSeconds(cluster))
                    .description("Seconds the accounting copy is behind slurmdbd")
                    .baseUnit("seconds")
                    .tag("cluster", cluster)
                    .register(registry);
        }
    }

    private double lagSeconds(String cluster) {
        try {
            return cursors.find(cluster).map(SyncCursorStore.Cursor::syncedUntil)
                    .map(t -> (double) Duration.between(t, Instant.now()).toMillis() / 1000.0)
                    .orElse(Double.NaN);
        } catch (DataAccessException e) {
            return Double.NaN;
        }
    }
}
