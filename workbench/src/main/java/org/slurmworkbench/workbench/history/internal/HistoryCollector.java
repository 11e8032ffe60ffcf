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
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Every {@code interval}, records each cluster's overview (the dashboard's shared one, so the collector adds no
 * load on slurmrestd beyond what viewers cause) and drops expired rows. Stale overviews are not recorded: an outage
 * is a gap, not a flat line. With several workbench instances, a Redis key per cluster and interval slot makes
 * sure only one records it.
 */
@Component
class HistoryCollector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HistoryCollector.class);

    private final Clusters clusters;
    private final Overviews overviews;
    private final HistoryStore store;
    private final StringRedisTemplate redis;
    private final HistoryProperties settings;
    private ScheduledExecutorService timer;

    HistoryCollector(Clusters clusters, Overviews overviews, HistoryStore store, StringRedisTemplate redis,
                     HistoryProperties settings) {
        this.clusters = clusters;
        this.overviews = overviews;
        this.store = store;
        this.redis = redis;
        this.settings = settings;
    }

    /** One round over all clusters; answers how many samples it recorded. */
    int collect() {
        int recorded = 0;
        for (String cluster : clusters.names()) {
            try {
                Overview o = overviews.overview(cluster);
                if (o.hasData() && !o.stale() && claim(cluster, o.fetchedAt())) {
                    store.record(o, o.fetchedAt());
                    recorded++;
                }
            } catch (RuntimeException e) {
                log.warn("Recording the utilization of {} failed: {}", cluster, e.toString());
            }
        }
        try {
            store.expire(Instant.now(), Map.of(Resolution.MINUTE, settings.keepMinutes(), Resolution.HOUR,
                    settings.keepHours(), Resolution.DAY, settings.keepDays()));
        } catch (DataAccessException e) {
            log.warn("Expiring old utilization rows failed: {}", e.toString());
        }
        return recorded;
    }

    /** An exception must not end the schedule. */
    private void collectSafely() {
        try {
            collect();
        } catch (RuntimeException e) {
            log.warn("Recording utilization history failed", e);
        }
    }

    /** True for the first instance to record this cluster in this interval (true as well when Redis is down). */
    private boolean claim(String cluster, Instant at) {
        long slot = at.getEpochSecond() / Math.max(1, settings.interval().toSeconds());
        try {
            Boolean first = redis.opsForValue().setIfAbsent(settings.keyPrefix() + cluster + ":" + slot, "1",
                    settings.interval().multipliedBy(2));
            return !Boolean.FALSE.equals(first);
        } catch (DataAccessException e) {
            return true;
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
