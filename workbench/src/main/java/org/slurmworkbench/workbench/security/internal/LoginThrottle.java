package org.slurmworkbench.workbench.security.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.security.internal.SecurityProperties.LoginThrottleSettings;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted in Redis, so the limits hold across several workbench instances. A stranger must not be
 * able to lock a user out (WB-13), so nothing locks a user name as such:
 * <ul>
 * <li>per user name and client address: after {@code maxFailuresPerUser} failures within {@code window}, that name
 * is refused from that address for {@code lockout} (a brute force from one place);</li>
 * <li>per client address: after {@code maxFailuresPerIp} failures over any names, the address is refused for
 * {@code lockout} (one place trying many names);</li>
 * <li>per user name over all addresses: from {@code delayAfter} failures within {@code window} on, each failure
 * makes the next try of the name wait {@code delay}, doubled per failure up to {@code maxDelay} (many places trying
 * one name), except from an address where the user logged in within {@code rememberAddress}.</li>
 * </ul>
 * Refused tries are not counted. A successful login clears its own (name, address) count and remembers the address;
 * the other counts run out on their own, so a good login cannot be used to keep guessing. An admin can clear a name
 * ({@link #unlock}).
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** Which limit a login hit, and how long it still holds. */
    record Lock(String reason, Duration remaining) {

        long minutes() {
            return Math.max(1, (remaining.toSeconds() + 59) / 60);
        }
    }

    private final StringRedisTemplate redis;
    private final LoginThrottleSettings settings;

    LoginThrottle(StringRedisTemplate redis, SecurityProperties properties) {
        this.redis = redis;
        this.settings = properties.loginThrottle();
    }

    /**
     * The lock on this user name from this address, on the address, or the wait on the name; null when a login may
     * be tried. Without Redis there is no count to go by: logins then go ahead (passwords are still checked), rather
     * than nobody being able to log in.
     */
    Lock lock(String username, String ip) {
        try {
            Lock pair = lock(pairKey(username, ip), settings.maxFailuresPerUser(), "user and address");
            if (pair != null) {
                return pair;
            }
            Lock address = lock(ipKey(ip), settings.maxFailuresPerIp(), "address");
            if (address != null || Boolean.TRUE.equals(redis.hasKey(knownKey(username, ip)))) {
                return address;
            }
            Long waitMillis = redis.getExpire(waitKey(username), TimeUnit.MILLISECONDS);
            return waitMillis == null || waitMillis <= 0 ? null : new Lock("user delay", Duration.ofMillis(waitMillis));
        } catch (DataAccessException e) {
            log.warn("Login throttling is off while Redis is unreachable ({}); user '{}' from {} not checked",
                    e.getMessage(), printable(username), ip);
            return null;
        }
    }

    /** Spring Security's event for a failed authentication: the typed user name and, in its details, the address. */
    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        try {
            failed(event.getAuthentication().getName(), address(event.getAuthentication()));
        } catch (DataAccessException e) {
            log.warn("Login failed for user '{}' from {}; not counted, Redis is unreachable ({})",
                    printable(event.getAuthentication().getName()), address(event.getAuthentication()), e.getMessage());
        }
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        try {
            succeeded(event.getAuthentication().getName(), address(event.getAuthentication()));
        } catch (DataAccessException e) {
            log.debug("Cannot clear the login failure count in Redis: {}", e.getMessage());
        }
    }

    private static String address(Authentication auth) {
        return auth.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "unknown";
    }

    void failed(String username, String ip) {
        long pair = count(pairKey(username, ip), settings.maxFailuresPerUser());
        long fromIp = count(ipKey(ip), settings.maxFailuresPerIp());
        long user = count(userKey(username), Integer.MAX_VALUE);
        Duration delay = delay(user);
        if (delay != null) {
            redis.opsForValue().set(waitKey(username), "1", delay);
        }
        log.warn("Login failed for user '{}' from {} ({} failures for the user from the address, {} from the address, "
                + "{} for the user)", printable(username), ip, pair, fromIp, user);
        if (pair == settings.maxFailuresPerUser() || fromIp == settings.maxFailuresPerIp()) {
            log.warn("Logins locked for {} for user '{}' from {} after repeated failures", settings.lockout(),
                    printable(username), ip);
        }
        if (delay != null) {
            log.warn("Logins of user '{}' from addresses it has not logged in from wait {} after {} failures",
                    printable(username), delay, user);
        }
    }

    /** How long the next try of a name waits after {@code failures} of it: doubling from {@code delayAfter} on. */
    Duration delay(long failures) {
        if (failures < settings.delayAfter()) {
            return null;
        }
        Duration delay = settings.delay().multipliedBy(1L << Math.min(failures - settings.delayAfter(), 30));
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    /**
     * Called on every successful authentication (each HTTP basic request too), so it logs only a cleared count. The
     * name's count over all addresses stays: a login of the user must not reset what strangers have tried.
     */
    void succeeded(String username, String ip) {
        if (Boolean.TRUE.equals(redis.delete(pairKey(username, ip)))) {
            log.info("Login of user '{}' from {} succeeded; the failure count from the address is cleared",
                    printable(username), ip);
        }
        redis.opsForValue().set(knownKey(username, ip), "1", settings.rememberAddress());
    }

    /** An admin's unlock: every count and wait on the name, from every address; answers how many were cleared. */
    long unlock(String username) {
        List<String> keys = new ArrayList<>(List.of(userKey(username), waitKey(username)));
        ScanOptions pairs = ScanOptions.scanOptions().match(glob(pairKey(username, "")) + "*").count(1000).build();
        try (Cursor<String> cursor = redis.scan(pairs)) {
            cursor.forEachRemaining(keys::add);
        }
        Long cleared = redis.delete(keys);
        return cleared == null ? 0 : cleared;
    }

    private Lock lock(String key, int max, String reason) {
        String value = redis.opsForValue().get(key);
        if (value == null || Long.parseLong(value) < max) {
            return null;
        }
        Long ttl = redis.getExpire(key);
        return new Lock(reason, Duration.ofSeconds(ttl == null || ttl < 0 ? settings.lockout().toSeconds() : ttl));
    }

    /** INCR, then the counter's life: the window from its first failure, the lockout once it reaches {@code max}. */
    private long count(String key, int max) {
        Long n = redis.opsForValue().increment(key);
        long count = n == null ? 1 : n;
        if (count == 1) {
            redis.expire(key, settings.window());
        } else if (count == max) {
            redis.expire(key, settings.lockout());
        }
        return count;
    }

    private static String name(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private String userKey(String username) {
        return settings.keyPrefix() + "user:" + name(username);
    }

    private String waitKey(String username) {
        return settings.keyPrefix() + "wait:" + name(username);
    }

    private String pairKey(String username, String ip) {
        return settings.keyPrefix() + "pair:" + name(username) + "|" + ip;
    }

    private String knownKey(String username, String ip) {
        return settings.keyPrefix() + "known:" + name(username) + "|" + ip;
    }

    private String ipKey(String ip) {
        return settings.keyPrefix() + "ip:" + ip;
    }

    /** A key as a SCAN pattern matching only itself: glob characters (a user name may hold any) escaped. */
    private static String glob(String key) {
        return key.replaceAll("([*?\\[\\]\\\\^])", "\\\\$1");
    }

    /** A user name as typed can hold anything; logs get it without control characters and bounded. */
    static String printable(String username) {
        if (username == null) {
            return "";
        }
        String clean = username.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
