package org.slurmworkbench.workbench.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The local accounts' password check (bcrypt, ~100 ms of CPU each) with two guards. A user name and password that
 * passed are remembered for {@link #TTL}, so an API client sending HTTP basic on every request pays the check once a
 * minute instead of every time. Only a keyed HMAC of the password is kept, under a key made at start and never
 * stored; failures are never remembered, so every wrong password still goes to the real check and the login
 * throttle. Site logins (LDAP, Kerberos) are not remembered: they are cheap, and each records the user anew.
 * <p>
 * And checks run at most one per CPU at a time, the others wait their turn: 200 users logging in at once on two
 * cores made 200 bcrypt threads starve every other request of CPU until their database connections timed out
 * ({@code bench/load} found 27 logins and a page answered 503 "MariaDB unavailable" that way).
 */
final class RememberedLogins implements AuthenticationProvider {

    static final Duration TTL = Duration.ofSeconds(60);
    /** How long a login waits for its turn at a real check before it is refused as "try again". */
    private static final Duration WAIT_FOR_TURN = Duration.ofSeconds(60);
    /** More users than this at once (a password spray that succeeded?): start over rather than grow. */
    private static final int MAX_USERS = 10_000;

    private record Remembered(byte[] mac, Authentication result, Object state, Instant until) {
    }

    /** The real check: the local accounts' provider. */
    private final AuthenticationManager checks;
    /**
     * A user's stored record as it stands now (password hash, enabled, role, Slurm user), read on every remembered
     * login: once an admin disables, resets, edits or deletes the user, it differs and the real check decides again
     * (on every instance, without telling each one).
     */
    private final Function<String, Object> state;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final Semaphore checking = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);

    RememberedLogins(AuthenticationManager checks, Function<String, Object> state, Clock clock) {
        this.checks = checks;
        this.state = state;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        if (!(login.getCredentials() instanceof String password)) {
            return checkInTurn(login);
        }
        String user = login.getName();
        byte[] mac = mac(user, password);
        Remembered r = remembered.get(user);
        Instant now = clock.instant();
        if (r != null && now.isBefore(r.until()) && MessageDigest.isEqual(r.mac(), mac)
                && Objects.equals(r.state(), state.apply(user))) {
            hits.incrementAndGet();
            UsernamePasswordAuthenticationToken again = UsernamePasswordAuthenticationToken.authenticated(
                    r.result().getPrincipal(), null, r.result().getAuthorities());
            again.setDetails(login.getDetails());
            return again;
        }
        Authentication result = checkInTurn(login);
        if (result != null && result.isAuthenticated()) {
            if (remembered.size() >= MAX_USERS) {
                remembered.clear();
            }
            remembered.put(user, new Remembered(mac, result, state.apply(user), now.plus(TTL)));
        }
        return result;
    }

    private Authentication checkInTurn(Authentication login) {
        try {
            if (!checking.tryAcquire(WAIT_FOR_TURN.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AuthenticationServiceException("too many logins at once; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationServiceException("interrupted while waiting to check a login", e);
        }
        try {
            return checks.authenticate(login);
        } finally {
            checking.release();
        }
    }

    /** Logins answered from memory since start (for tests and metrics). */
    long hits() {
        return hits.get();
    }

    private byte[] mac(String user, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(user.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
