package org.slurmworkbench.workbench.lease.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.lease.Leases;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leases in the {@code workbench_lease} table. One upsert takes a free or expired lease, renews our own and leaves
 * anyone else's alone (MariaDB applies the assignments left to right, so {@code expires_at} sees the new holder);
 * a read then says who holds it. ShedLock would do the same, but its JDBC and Redis providers are not served here.
 */
@Component
class LeaseStore implements Leases, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LeaseStore.class);

    private final JdbcClient jdbc;
    private final String instanceId;
    private final Map<String, Boolean> held = new ConcurrentHashMap<>();

    LeaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.instanceId = host() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public boolean hold(String name, Duration duration) {
        try {
            jdbc.sql("""
                    INSERT INTO workbench_lease (name, holder, expires_at, acquired_at)
                    VALUES (:name, :me, UTC_TIMESTAMP(3) + INTERVAL :micros MICROSECOND, UTC_TIMESTAMP(3))
                    ON DUPLICATE KEY UPDATE
                      acquired_at = IF(holder = :me, acquired_at, IF(expires_at < UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), acquired_at)),
                      holder = IF(holder = :me OR expires_at < UTC_TIMESTAMP(3), :me, holder),
                      expires_at = IF(holder = :me, UTC_TIMESTAMP(3) + INTERVAL :micros MICROSECOND, expires_at)""")
                    .param("name", name).param("me", instanceId).param("micros", duration.toNanos() / 1000)
                    .update();
            String holder = jdbc.sql("SELECT holder FROM workbench_lease WHERE name = ?").param(name)
                    .query(String.class).single();
            boolean mine = instanceId.equals(holder);
            Boolean before = held.put(name, mine);
            if (mine && !Boolean.TRUE.equals(before)) {
                log.info("Instance {} now holds lease {}", instanceId, name);
            } else if (!mine && Boolean.TRUE.equals(before)) {
                log.warn("Instance {} lost lease {} to {}", instanceId, name, holder);
            }
            return mine;
        } catch (DataAccessException e) {
            if (Boolean.TRUE.equals(held.put(name, false))) {
                log.warn("Instance {} cannot renew lease {}: {}", instanceId, name, e.getMessage());
            }
            return false;
        }
    }

    @Override
    public void release(String name) {
        try {
            jdbc.sql("DELETE FROM workbench_lease WHERE name = ? AND holder = ?").params(name, instanceId).update();
            held.remove(name);
        } catch (DataAccessException e) {
            log.debug("Releasing lease {} failed; it expires by itself", name, e);
        }
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public List<Lease> all() {
        return jdbc.sql("SELECT name, holder, expires_at, acquired_at FROM workbench_lease ORDER BY name")
                .query((rs, i) -> new Lease(rs.getString(1), rs.getString(2), instant(rs.getObject(3, LocalDateTime.class)),
                        instant(rs.getObject(4, LocalDateTime.class)))).list();
    }

    /** Leases held at shutdown are given up, so another instance takes over at once rather than after expiry. */
    @Override
    public void destroy() {
        held.forEach((name, mine) -> {
            if (mine) {
                release(name);
            }
        });
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
