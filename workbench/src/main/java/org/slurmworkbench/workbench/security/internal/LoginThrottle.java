package org.slurmworkbench.workbench.security.internal;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.security.internal.SecurityProperties.LoginThrottleSettings;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted in Redis, so the limit holds across several workbench instances: one counter per user name
 * and one per client address, each living {@code window} from its first failure. Reaching the maximum stretches the
 * counter's life to {@code lockout}; while it lives at the maximum, logins for that name (or from that address) are
 * refused before the password is even checked. A successful login clears the name's counter; the address counter
 * runs out on its own, so one good account cannot be used to keep guessing others from the same address.
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
     * The lock on this user name or address, or null when a login may be tried. Without Redis there is no count
     * to go by: logins then go ahead (passwords are still checked), rather than nobody being able to log in.
     */
    Lock lock(String username, String ip) {
        try {
            Lock byUser = lock(userKey(username), settings.maxFailuresPerUser(), "user");
            return byUser != null ? byUser : lock(ipKey(ip), settings.maxFailuresPerIp(), "ip");
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
        long user = count(userKey(username), settings.maxFailuresPerUser());
        long fromIp = count(ipKey(ip), settings.maxFailuresPerIp());
        log.warn("Login failed for user '{}' from {} ({} failures for the user, {} from the address)",
                printable(username), ip, user, fromIp);
        if (user == settings.maxFailuresPerUser() || fromIp == settings.maxFailuresPerIp()) {
            log.warn("Logins locked for {} for user '{}' from {} after repeated failures", settings.lockout(),
                    printable(username), ip);
        }
    }

    /** Called on every successful authentication (each HTTP basic request too), so it logs only a cleared count. */
    void succeeded(String username, String ip) {
        if (Boolean.TRUE.equals(redis.delete(userKey(username)))) {
            log.info("Login of user '{}' from {} succeeded; the user's failure count is cleared", printable(username), ip);
        }
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

    private String userKey(String username) {
        return settings.keyPrefix() + "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private String ipKey(String ip) {
        return settings.keyPrefix() + "ip:" + ip;
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
