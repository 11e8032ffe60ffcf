package org.slurmworkbench.slurm.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MintedTokensTest {

    @TempDir
    Path dir;

    private Path key() throws Exception {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Files.write(dir.resolve("jwt.key"), bytes);
    }

    @Test
    void mintsAnHs256TokenWithTheClaimsSlurmReads() throws Exception {
        Path key = key();
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        MintedTokens tokens = new MintedTokens(key, Duration.ofSeconds(60), Clock.fixed(now, ZoneOffset.UTC));

        SignedJWT jwt = SignedJWT.parse(tokens.tokenFor("alice"));

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.verify(new MACVerifier(Files.readAllBytes(key)))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getStringClaim("sun")).isEqualTo("alice");
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(now);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(now.plusSeconds(60));
    }

    @Test
    void reusesATokenUntilHalfItsLifeIsGoneThenRenews() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));
        MintedTokens tokens = new MintedTokens(key(), Duration.ofSeconds(60), clock);
        String first = tokens.tokenFor("bob");

        clock.advance(Duration.ofSeconds(29));
        assertThat(tokens.tokenFor("bob")).isEqualTo(first);
        assertThat(tokens.tokenFor("carol")).isNotEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        String renewed = tokens.tokenFor("bob");
        assertThat(renewed).isNotEqualTo(first);
        assertThat(SignedJWT.parse(renewed).getJWTClaimsSet().getExpirationTime().toInstant())
                .isEqualTo(Instant.parse("2026-11-27T10:01:30Z"));
    }

    @Test
    void invalidateForcesANewToken() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));
        MintedTokens tokens = new MintedTokens(key(), Duration.ofSeconds(60), clock);
        String first = tokens.tokenFor("alice");
        clock.advance(Duration.ofSeconds(1));
        tokens.invalidate("alice");
        assertThat(tokens.tokenFor("alice")).isNotEqualTo(first);
    }

    @Test
    void refusesAShortKeyAndAMissingFileWithAClearMessage() throws Exception {
        Path shortKey = Files.write(dir.resolve("short.key"), new byte[8]);
        assertThatThrownBy(() -> new MintedTokens(shortKey, Duration.ofSeconds(60)))
                .hasMessageContaining("8 bytes").hasMessageContaining("at least 32");
        assertThatThrownBy(() -> new MintedTokens(dir.resolve("absent.key"), Duration.ofSeconds(60)))
                .hasMessageContaining("absent.key");
        assertThatThrownBy(() -> new MintedTokens(key(), Duration.ofSeconds(2))).hasMessageContaining("lifespan");
    }
}
