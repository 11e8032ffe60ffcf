package org.slurmworkbench.workbench.history.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.dashboard.Overviews;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.workbench.lease.Leases;
import org.slurmworkbench.workbench.scheduler.SchedulerReading;
import org.slurmworkbench.workbench.scheduler.SchedulerReadings;
import org.slurmworkbench.workbench.scheduler.SchedulerSample;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Every {@code interval}, records each cluster's overview (the dashboard's shared one, so the collector adds no
 * load on slurmrestd beyond what viewers cause) and its scheduler's {@code /diag} reading (the scheduler page's
 * shared one: what its counters grew by since the previous reading), and drops expired rows. Stale overviews are not recorded: an outage
 * is a gap, not a flat line. With several workbench instances only the holder of the {@code history-collector}
 * lease records; when it dies another takes over once the lease (two intervals plus 10 s) expires.
 */
@Component
class HistoryCollector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HistoryCollector.class);

    private final Clusters clusters;
    private final Overviews overviews;
    private final HistoryStore store;
    private final Leases leases;
    private final HistoryProperties settings;
    private final SchedulerReadings schedulers;
    private final SchedulerHistoryStore schedulerStore;
    /** The last /diag reading recorded per cluster: the next sample is what the counters grew by since. */
    private final Map<String, Diag> lastDiag = new java.util.concurrent.ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    HistoryCollector(Clusters clusters, Overviews overviews, HistoryStore store, Leases leases,
                     HistoryProperties settings, SchedulerReadings schedulers, SchedulerHistoryStore schedulerStore) {
        this.clusters = clusters;
        this.overviews = overviews;
        this.store = store;
        this.leases = leases;
        this.settings = settings;
        this.schedulers = schedulers;
        this.schedulerStore = schedulerStore;
    }

    static final String LEASE = "history-collector";

    /** One round over all clusters, if this instance holds the lease; answers how many samples it recorded. */
    int collect() {
        if (!leases.hold(LEASE, settings.interval().multipliedBy(2).plusSeconds(10))) {
            return 0;
        }
        int recorded = 0;
        for (String cluster : clusters.names()) {
            try {
                Overview o = overviews.overview(cluster);
                if (o.hasData() && !o.stale()) {
                    store.record(o, o.fetchedAt());
                    recorded++;
                }
            } catch (RuntimeException e) {
                log.warn("Recording the utilization of {} failed: {}", cluster, e.toString());
            }
            recordScheduler(cluster);
        }
        try {
            Map<Resolution, Duration> keep = Map.of(Resolution.MINUTE, settings.keepMinutes(), Resolution.HOUR,
                    settings.keepHours(), Resolution.DAY, settings.keepDays());
            store.expire(Instant.now(), keep);
            schedulerStore.expire(Instant.now(), keep);
        } catch (DataAccessException e) {
            log.warn("Expiring old utilization rows failed: {}", e.toString());
        }
        return recorded;
    }

    /**
     * A stale reading is not recorded (an outage is a gap); the next good one adds what the counters grew by across
     * the gap, over the seconds it lasted, so rates stay right and no start is lost.
     */
    private void recordScheduler(String cluster) {
        try {
            SchedulerReading r = schedulers.reading(cluster);
            if (!r.hasData() || r.stale()) {
                return;
            }
            SchedulerSample sample = SchedulerSample.of(lastDiag.get(cluster), r.diag());
            if (sample != null) {
                schedulerStore.record(cluster, sample);
                lastDiag.put(cluster, r.diag());
            }
        } catch (RuntimeException e) {
            log.warn("Recording the scheduler of {} failed: {}", cluster, e.toString());
        }
    }

    /** An exception must not end the schedule. */
    private void collectSafely() {
        try {
            collect();
        } catch (RuntimeException e) {
            log.warn("Recording utilization history failed", e);
        }
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("history-collector").factory());
        long every = Math.max(1000, settings.interval().toMillis());
        timer.scheduleWithFixedDelay(this::collectSafely, Math.min(every, Duration.ofSeconds(5).toMillis()), every,
                TimeUnit.MILLISECONDS);
        log.info("Recording utilization history every {} s", every / 1000);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
