package org.slurmworkbench.slurm.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.TokenProvider;

/**
 * Mints short-lived HS256 tokens ({@code iat}, {@code exp}, {@code sun}) with the cluster's JWT key, the
 * way {@code scontrol token} does, one per Slurm user, cached and renewed once half the lifespan is gone so
 * that no call goes out with a token about to expire. The key file is read once; {@link #invalidate} also
 * re-reads it, in case the site rotated it.
 */
public final class MintedTokens implements TokenProvider {

    private static final Logger log = LoggerFactory.getLogger(MintedTokens.class);

    private final Path keyFile;
    private final Duration lifespan;
    private final Clock clock;
    private final Map<String, Minted> cache = new ConcurrentHashMap<>();
    private volatile byte[] key;

    public MintedTokens(Path keyFile, Duration lifespan, Clock clock) {
        if (lifespan.toSeconds() < 10) {
            throw new IllegalArgumentException("token lifespan must be at least 10 s, was " + lifespan);
        }
        this.keyFile = keyFile;
        this.lifespan = lifespan;
        this.clock = clock;
        this.key = readKey(keyFile);
    }

    public MintedTokens(Path keyFile, Duration lifespan) {
        this(keyFile, lifespan, Clock.systemUTC());
    }

    @Override
    public String tokenFor(String slurmUser) {
        Instant now = clock.instant();
        Minted current = cache.get(slurmUser);
        if (current != null && now.isBefore(current.renewAt())) {
            return current.token();
        }
        return cache.compute(slurmUser, (user, old) ->
                old != null && now.isBefore(old.renewAt()) ? old : mint(user, now)).token();
    }

    @Override
    public void invalidate(String slurmUser) {
        cache.remove(slurmUser);
        key = readKey(keyFile);
    }

    private Minted mint(String user, Instant now) {
        Instant expires = now.plus(lifespan);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .claim("sun", user)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token with the key in " + keyFile + ": " + e.getMessage(), e);
        }
        log.debug("minted a token for Slurm user {} valid until {}", user, expires);
        return new Minted(jwt.serialize(), now.plus(lifespan.dividedBy(2)));
    }

    private static byte[] readKey(Path keyFile) {
        try {
            byte[] bytes = Files.readAllBytes(keyFile);
            if (bytes.length < 32) {
                throw new IllegalStateException("JWT key " + keyFile + " has " + bytes.length
                        + " bytes; HS256 needs at least 32");
            }
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the JWT key file " + keyFile + ": " + e, e);
        }
    }

    private record Minted(String token, Instant renewAt) {
    }
}
