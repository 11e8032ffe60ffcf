package org.slurmworkbench.slurm;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one slurmrestd. {@code discoveryUser} is the Slurm user whose token reads the OpenAPI
 * description during version discovery (any user the site has works; the workbench uses its admin).
 * {@code maxAttempts} applies to reads only. {@code listTimeout} bounds the reads of lists (jobs, nodes, accounting
 * jobs): slurmrestd builds a whole list before it sends a byte (a 20,000-job list took 29.5 s on 26.05), so they get
 * longer than {@code requestTimeout}, which bounds every other call.
 */
public record SlurmClientConfig(URI baseUrl, TokenProvider tokens, String discoveryUser, Duration connectTimeout,
                                Duration requestTimeout, Duration listTimeout, int maxAttempts, Duration retryBackoff) {

    public SlurmClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(discoveryUser, "discoveryUser");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        listTimeout = listTimeout == null ? Duration.ofMinutes(3) : listTimeout;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        retryBackoff = retryBackoff == null ? Duration.ofMillis(200) : retryBackoff;
    }

    public static SlurmClientConfig of(String baseUrl, TokenProvider tokens, String discoveryUser) {
        return new SlurmClientConfig(URI.create(baseUrl), tokens, discoveryUser, null, null, null, 0, null);
    }
}
