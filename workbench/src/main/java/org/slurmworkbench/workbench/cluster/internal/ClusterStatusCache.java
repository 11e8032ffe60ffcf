package org.slurmworkbench.workbench.cluster.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.ClusterInfo;
import org.slurmworkbench.slurm.Ping;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.ClusterStatus;
import org.slurmworkbench.workbench.cluster.internal.ClusterProperties.ClusterStatusSettings;
import org.slurmworkbench.workbench.cluster.internal.ClusterRegistry.Connection;
import org.slurmworkbench.workbench.shared.RenewingCache;
import org.slurmworkbench.workbench.shared.RenewingCache.Read;
import org.slurmworkbench.workbench.shared.RenewingCache.Store;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reachability of the clusters, shared through Redis so that all viewers (and all instances of the workbench)
 * share one probe per cluster every few seconds. An answer younger than {@code ttl} is served as is; an older
 * one is served while a background probe refreshes it (stale-while-revalidate); with no answer at all the
 * caller waits for the probe at most {@code timeout}, then gets "no answer yet". One probe per cluster runs at
 * a time. When Redis is down, the last answers this instance saw are used instead.
 */
@Component
class ClusterStatusCache implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterStatusCache.class);
    private static final int MAX_ERROR_LENGTH = 240;

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final ClusterStatusSettings settings;
    private final RenewingCache<Connection, ClusterStatus> probes;
    private final Map<String, ClusterStatus> local = new ConcurrentHashMap<>();
    private volatile boolean redisUp = true;

    ClusterStatusCache(StringRedisTemplate redis, JsonMapper json, ClusterProperties properties) {
        this.redis = redis;
        this.json = json;
        this.settings = properties.clusterStatus();
        this.probes = new RenewingCache<>("cluster-probe", new Store<>() {
            @Override
            public ClusterStatus get(Connection c) {
                return read(List.of(c)).getFirst();
            }

            @Override
            public void put(Connection c, ClusterStatus status) {
                write(status);
            }
        }, (c, before) -> check(c));
    }

    List<ClusterStatus> statuses(List<Connection> connections) {
        List<ClusterStatus> cached = read(connections);
        List<CompletableFuture<ClusterStatus>> answers = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < connections.size(); i++) {
            ClusterStatus known = cached.get(i);
            if (known != null && known.checkedAt().plus(settings.ttl()).isAfter(now)) {
                answers.add(CompletableFuture.completedFuture(known));
            } else {
                CompletableFuture<ClusterStatus> probe = probes.renew(connections.get(i));
                answers.add(known != null ? CompletableFuture.completedFuture(known) : probe);
            }
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        List<ClusterStatus> out = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            String name = connections.get(i).spec().name();
            out.add(switch (RenewingCache.await(answers.get(i), deadline, null)) {
                case Read.Renewed<ClusterStatus>(ClusterStatus status) -> status;
                // Remember "no answer yet" so that the next callers do not wait again while the probe goes on,
                // unless the probe has answered in the meantime.
                case Read.TimedOut<ClusterStatus> t when !t.interrupted() -> writeIfAbsent(ClusterStatus.unreachable(name,
                        "no answer within " + settings.timeout().toMillis() + " ms", Instant.now()));
                case Read.TimedOut<ClusterStatus> t -> ClusterStatus.unreachable(name, "interrupted", Instant.now());
                case Read.Failed<ClusterStatus> f -> ClusterStatus.unreachable(name, "probe failed", Instant.now());
                case Read.Fresh<ClusterStatus> r -> r.value();
                case Read.Stale<ClusterStatus> r -> r.value();
            });
        }
        return out;
    }

    /** One live check: discovery (first time only) and a ping as the service user. */
    ClusterStatus check(Connection c) {
        String name = c.spec().name();
        Instant now = Instant.now();
        ClusterStatus status;
        try {
            ClusterInfo info = c.client().info();
            List<Ping> pings = c.client().as(c.spec().serviceUser()).ping();
            if (!pings.isEmpty() && pings.stream().noneMatch(Ping::responding)) {
                status = ClusterStatus.unreachable(name, "slurmrestd answers but no slurmctld responds to ping", now);
            } else {
                status = new ClusterStatus(name, true, info.release(), info.apiVersion().toString(),
                        info.servedVersions().stream().map(ApiVersion::toString).toList(), null, now);
            }
        } catch (SlurmException e) {
            if (e instanceof SlurmException.Unavailable) {
                c.client().rediscover(); // the site may upgrade Slurm while it is down
            }
            status = ClusterStatus.unreachable(name, describe(e), now);
        } catch (RuntimeException e) {
            log.warn("Checking cluster {} failed unexpectedly", name, e);
            status = ClusterStatus.unreachable(name, "check failed: " + e.getClass().getSimpleName(), now);
        }
        ClusterStatus before = local.get(name);
        if (before == null || before.reachable() != status.reachable()) {
            if (status.reachable()) {
                log.info("Cluster {} is reachable: Slurm {}, API {}", name, status.release(), status.apiVersion());
            } else {
                log.warn("Cluster {} is not reachable: {}", name, status.error());
            }
        }
        return status;
    }

    static String describe(SlurmException e) {
        String kind = switch (e) {
            case SlurmException.Unavailable u -> "unavailable";
            case SlurmException.Authentication a -> "token rejected";
            case SlurmException.PermissionDenied p -> "permission denied";
            default -> "refused";
        };
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").trim();
        String text = kind + ": " + message;
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH - 1) + "…" : text;
    }

    private String key(String cluster) {
        return settings.keyPrefix() + cluster;
    }

    private List<ClusterStatus> read(List<Connection> connections) {
        List<String> names = connections.stream().map(c -> c.spec().name()).toList();
        List<String> values = null;
        try {
            values = redis.opsForValue().multiGet(names.stream().map(this::key).toList());
            redisUp(true, null);
        } catch (DataAccessException e) {
            redisUp(false, e);
        }
        List<ClusterStatus> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String value = values == null ? null : values.get(i);
            ClusterStatus status = null;
            if (value != null) {
                try {
                    status = json.readValue(value, ClusterStatus.class);
                } catch (RuntimeException e) {
                    log.debug("Ignoring an unreadable cached status of cluster {}", names.get(i), e);
                }
            }
            out.add(status != null ? status : local.get(names.get(i)));
        }
        return out;
    }

    private void write(ClusterStatus status) {
        local.put(status.name(), status);
        try {
            // Kept longer than ttl so that a stale answer can be served while it is refreshed.
            redis.opsForValue().set(key(status.name()), json.writeValueAsString(status), settings.ttl().multipliedBy(6)
                    .plus(Duration.ofSeconds(1)));
            redisUp(true, null);
        } catch (DataAccessException e) {
            redisUp(false, e);
        }
    }

    private ClusterStatus writeIfAbsent(ClusterStatus status) {
        ClusterStatus existing = local.putIfAbsent(status.name(), status);
        if (existing != null) {
            return existing;
        }
        try {
            redis.opsForValue().setIfAbsent(key(status.name()), json.writeValueAsString(status), settings.ttl().multipliedBy(6)
                    .plus(Duration.ofSeconds(1)));
        } catch (DataAccessException e) {
            redisUp(false, e);
        }
        return status;
    }

    private void redisUp(boolean up, Exception e) {
        if (up != redisUp) {
            redisUp = up;
            if (up) {
                log.info("Redis is back; cluster statuses are shared again");
            } else {
                log.warn("Redis is unavailable ({}); using this instance's own cluster statuses", e.getMessage());
            }
        }
    }

    @Override
    public void destroy() {
        probes.close();
    }
}
