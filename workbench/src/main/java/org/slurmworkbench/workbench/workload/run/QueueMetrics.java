package org.slurmworkbench.workbench.workload.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code workbench.workload.queue.depth}: jobs of running or paused runs not yet submitted (planned or queued), read
 * from MariaDB, the runs' source of truth, so the number is right whichever instance submits and whatever Redis holds.
 */
@Component
class QueueMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;

    QueueMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("workbench.workload.queue.depth", this::depth)
                .description("Workload jobs waiting to be submitted")
                .register(registry);
    }

    private double depth() {
        try {
            Long n = jdbc.queryForObject("""
                    SELECT COUNT(*) FROM wl_job j JOIN wl_run r ON r.id = j.run_id
                    WHERE r.state IN ('RUNNING', 'PAUSED') AND j.state IN ('PLANNED', 'QUEUED')""", Long.class);
            return n == null ? 0 : n;
        } catch (DataAccessException e) {
            return Double.NaN;
        }
    }
}
