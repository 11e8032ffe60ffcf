package org.slurmworkbench.workbench.dashboard.internal;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.cluster.SlurmErrors;
import org.slurmworkbench.workbench.cluster.UnknownClusterException;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.dashboard.Overviews;
import org.slurmworkbench.workbench.shared.RenewingCache;
import org.slurmworkbench.workbench.shared.RenewingCache.Policy;
import org.slurmworkbench.workbench.shared.RenewingCache.Read;
import org.slurmworkbench.workbench.shared.RenewingCache.Store;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The overviews shared by all viewers (and all instances) through Redis. Fresh (younger than ttl): served as is.
 * Older: served at once while one background fetch per cluster renews it (stale-while-revalidate). Nothing cached:
 * the caller waits for the one fetch at most {@code max-wait}. A failed fetch keeps the last overview and records the
 * error, so viewers see it marked stale with its age; the next fetch after ttl tries again, so the dashboard
 * recovers by itself. When Redis is down this instance's own last answers are used.
 */
@Component
class OverviewCache implements Overviews, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OverviewCache.class);

    /** What Redis holds per cluster: the last overview read, and the last failure if it came after that. */
    record Entry(Overview overview, Instant attemptedAt, String error) {
    }

    private final Clusters clusters;
    private final OverviewSource source;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final DashboardProperties settings;
    private final MeterRegistry meters;
    private final RenewingCache<String, Entry> fetches;
    private final Map<String, Entry> local = new ConcurrentHashMap<>();
    private final Map<String, Near> near = new ConcurrentHashMap<>();
    private static final Duration NEAR_TTL = Duration.ofSeconds(1);

    private record Near(Entry entry, Instant readAt) {
    }

    /** The last answer served per cluster: for this entry (by identity) at this age in seconds. */
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    private record Rendered(Entry entry, long second, ServedOverview served) {
    }

    OverviewCache(Clusters clusters, OverviewSource source, StringRedisTemplate redis, JsonMapper json,
                  DashboardProperties settings, MeterRegistry meters) {
        this.meters = meters;
        this.clusters = clusters;
        this.source = source;
        this.redis = redis;
        this.json = json;
        this.settings = settings;
        this.fetches = new RenewingCache<>("overview-fetch", new Store<>() {
            @Override
            public Entry get(String cluster) {
                return recent(cluster, Instant.now());
            }

            @Override
            public void put(String cluster, Entry entry) {
                write(cluster, entry);
            }
        }, (cluster, before) -> attempt(cluster));
    }

    @Override
    public Overview overview(String cluster) {
        return served(cluster).overview();
    }

    /**
     * The overview as served now, with its JSON written once and shared by every request for this cluster in the
     * same second (its {@code ageSeconds} changes only once a second): a warm request costs no Redis round trip,
     * no JSON writing and, with a matching ETag, no body.
     */
    ServedOverview served(String cluster) {
        if (!clusters.names().contains(cluster)) {
            throw new UnknownClusterException(cluster);
        }
        Instant now = Instant.now();
        Policy<Entry> policy = new Policy<>(e -> e.attemptedAt().plus(settings.ttl()).isAfter(now),
                // During an outage (an error recorded) served at once, stale, while it is renewed in the background.
                e -> e.overview() != null && e.overview().hasData() && !tooOld(e.overview(), now) || e.error() != null,
                // Nothing, or a healthy answer from before the last viewer left: worth a short wait for the renewal.
                settings.maxWait());
        Read<Entry> read = fetches.read(cluster, policy);
        count(cluster, switch (read) {
            case Read.Fresh<Entry> r -> "hit";
            case Read.Stale<Entry> r -> "stale";
            default -> "miss";
        });
        return switch (read) {
            case Read.Fresh<Entry>(Entry e) -> served(cluster, e, now);
            case Read.Stale<Entry>(Entry e) -> served(cluster, e, now);
            case Read.Renewed<Entry>(Entry e) -> served(cluster, e, Instant.now());
            case Read.TimedOut<Entry> t when t.interrupted() -> unrendered(Overview.unavailable(cluster, "interrupted"));
            case Read.TimedOut<Entry>(Entry known, boolean interrupted) -> known != null ? served(cluster, known, Instant.now())
                    : unrendered(Overview.unavailable(cluster,
                    "no answer from slurmrestd within " + settings.maxWait().toSeconds() + " s yet"));
            case Read.Failed<Entry> f -> {
                log.warn("Fetching the overview of {} failed unexpectedly", cluster, f.cause());
                yield unrendered(Overview.unavailable(cluster, "fetch failed"));
            }
        };
    }

    private ServedOverview unrendered(Overview overview) {
        return new ServedOverview(overview, json);
    }

    /** hit: fresh from the cache; stale: served while renewed; miss: the viewer waited for slurmrestd. */
    private void count(String cluster, String result) {
        meters.counter("workbench.cache.requests", "cache", "overview", "cluster", cluster, "result", result).increment();
    }

    /** The same entry served at the same age (in whole seconds) is the same answer: reuse it and its JSON. */
    private ServedOverview served(String cluster, Entry e, Instant now) {
        Instant from = e.overview() != null && e.overview().hasData() ? e.overview().fetchedAt() : Instant.EPOCH;
        long second = Duration.between(from, now).toSeconds();
        Rendered last = rendered.get(cluster);
        if (last != null && last.entry() == e && last.second() == second) {
            return last.served();
        }
        ServedOverview served = new ServedOverview(overviewOf(cluster, e, now), json);
        rendered.put(cluster, new Rendered(e, second, served));
        return served;
    }

    private Overview overviewOf(String cluster, Entry e, Instant now) {
        if (e.overview() == null || !e.overview().hasData()) {
            return Overview.unavailable(cluster, e.error());
        }
        // Also stale when renewals have not landed for a while (e.g. a fetch that hangs).
        boolean old = tooOld(e.overview(), now);
        String error = e.error() != null ? e.error() : old ? "not renewed for a while" : null;
        return e.overview().servedAt(now, error != null, error);
    }

    private boolean tooOld(Overview o, Instant now) {
        return o.fetchedAt().plus(settings.ttl().multipliedBy(3)).isBefore(now);
    }

    private Entry attempt(String cluster) {
        Instant now = Instant.now();
        try {
            Overview fresh = source.fetch(cluster);
            Entry before = local.get(cluster);
            if (before != null && before.error() != null) {
                log.info("Cluster {} answers again; its overview is live", cluster);
            }
            return new Entry(fresh, now, null);
        } catch (RuntimeException e) {
            String error = e instanceof SlurmException s ? SlurmErrors.describe(s) : "fetch failed: " + e.getClass().getSimpleName();
            if (!(e instanceof SlurmException)) {
                log.warn("Building the overview of {} failed", cluster, e);
            }
            Entry before = read(cluster);
            if (before == null || before.error() == null) {
                log.warn("Cluster {}: cannot renew the overview ({}); serving the last known one", cluster, error);
            }
            return new Entry(before == null ? null : before.overview(), now, error);
        }
    }

    private String key(String cluster) {
        return settings.keyPrefix() + cluster;
    }

    /**
     * What Redis held at most a second ago: under many viewers most requests then cost neither a Redis round trip
     * nor a JSON parse, while a fetch by any instance still shows everywhere within a second.
     */
    private Entry recent(String cluster, Instant now) {
        Near near = this.near.get(cluster);
        if (near != null && near.readAt().plus(NEAR_TTL).isAfter(now)) {
            return near.entry();
        }
        Entry entry = read(cluster);
        if (entry != null) {
            this.near.put(cluster, new Near(entry, now));
        } else {
            this.near.remove(cluster);
        }
        return entry;
    }

    /** Redis is the shared truth; this instance's own last entry is used only while Redis cannot be reached. */
    private Entry read(String cluster) {
        try {
            String value = redis.opsForValue().get(key(cluster));
            return value == null ? null : json.readValue(value, Entry.class);
        } catch (DataAccessException e) {
            log.debug("Redis unavailable; using this instance's overview of {}", cluster, e);
            return local.get(cluster);
        } catch (RuntimeException e) {
            log.debug("Ignoring an unreadable cached overview of {}", cluster, e);
            return null;
        }
    }

    private Entry write(String cluster, Entry entry) {
        local.put(cluster, entry);
        near.put(cluster, new Near(entry, Instant.now()));
        try {
            // Kept long after ttl: it is what viewers see during an outage.
            redis.opsForValue().set(key(cluster), json.writeValueAsString(entry), settings.keep().plus(Duration.ofSeconds(1)));
        } catch (DataAccessException e) {
            log.debug("Redis unavailable; keeping the overview of {} on this instance only", cluster, e);
        }
        return entry;
    }

    @Override
    public void destroy() {
        fetches.close();
    }
}
