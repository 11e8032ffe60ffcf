package org.slurmworkbench.workbench.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.token.MovableClock;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The remembering around a password check that knows alice's password "right" and counts its checks. */
class RememberedLoginsTest {

    final AtomicInteger checks = new AtomicInteger();
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T12:00:00Z"));
    final AuthenticationManager realCheck = login -> {
        checks.incrementAndGet();
        if (!"right".equals(login.getCredentials())) {
            throw new BadCredentialsException("bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(login.getName(), null,
                List.of(new SimpleGrantedAuthority("ROLE_USER")));
    };
    /** What the store holds for a user: a test changes it as an admin's edit would. */
    final java.util.Map<String, Object> stored = new java.util.concurrent.ConcurrentHashMap<>(java.util.Map.of("alice", "v1", "bob", "v1"));
    final RememberedLogins logins = new RememberedLogins(realCheck, stored::get, clock);

    @Test
    void aPasswordThatPassedIsCheckedAgainOnlyAfterTheTtl() {
        Authentication first = logins.authenticate(login("alice", "right"));
        Authentication second = logins.authenticate(login("alice", "right"));
        assertThat(checks).hasValue(1);
        assertThat(logins.hits()).isEqualTo(1);
        assertThat(second.isAuthenticated()).isTrue();
        assertThat(second.getName()).isEqualTo("alice");
        assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
        assertThat(second.getCredentials()).as("no password kept in the answer").isNull();

        clock.advance(RememberedLogins.TTL);
        logins.authenticate(login("alice", "right"));
        assertThat(checks).as("checked again once the TTL is over").hasValue(2);
    }

    @Test
    void aWrongPasswordAlwaysGoesToTheRealCheck() {
        logins.authenticate(login("alice", "right"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> logins.authenticate(login("alice", "wrong"))).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(checks).hasValue(4);
        assertThat(logins.hits()).isZero();
        logins.authenticate(login("bob", "right"));
        assertThat(checks).as("another user with the same password: a check of its own").hasValue(5);
        assertThat(logins.hits()).isZero();
    }

    @Test
    void aChangedStoredUserIsCheckedAgainAtOnce() {
        logins.authenticate(login("alice", "right"));
        stored.put("alice", "v2 (disabled, reset or edited by an admin)");
        logins.authenticate(login("alice", "right"));
        assertThat(checks).as("the change ends what was remembered").hasValue(2);
        assertThat(logins.hits()).isZero();
        logins.authenticate(login("alice", "right"));
        assertThat(logins.hits()).as("remembered again with the new state").isEqualTo(1);
        stored.remove("alice");
        logins.authenticate(login("alice", "right"));
        assertThat(checks).as("a deleted user goes to the real check").hasValue(3);
    }

    private static UsernamePasswordAuthenticationToken login(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
