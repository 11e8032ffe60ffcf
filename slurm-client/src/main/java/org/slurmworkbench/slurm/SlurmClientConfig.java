package org.slurmworkbench.slurm;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one slurmrestd. {@code discoveryUser} is the Slurm user whose token reads the OpenAPI
 * description during version discovery (any user the site has works; the workbench uses its admin).
 * {@code maxAttempts} applies to reads only.
 */
public record SlurmClientConfig(URI baseUrl, TokenProvider tokens, String discoveryUser, Duration connectTimeout,
                                Duration requestTimeout, int maxAttempts, Duration retryBackoff) {

    public SlurmClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(discoveryUser, "discoveryUser");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        retryBackoff = retryBackoff == null ? Duration.ofMillis(200) : retryBackoff;
    }

    public static SlurmClientConfig of(String baseUrl, TokenProvider tokens, String discoveryUser) {
        return new SlurmClientConfig(URI.create(baseUrl), tokens, discoveryUser, null, null, 0, null);
    }
}
