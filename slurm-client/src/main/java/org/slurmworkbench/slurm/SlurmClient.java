package org.slurmworkbench.slurm;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.rest.RestResponse;
import org.slurmworkbench.slurm.rest.RestTransport;
import org.slurmworkbench.slurm.v0038.V0038Api;
import org.slurmworkbench.slurm.v0040.V0040Api;
import tools.jackson.databind.JsonNode;

/**
 * Entry point for one slurmrestd. On first use it discovers which API versions the daemon serves and picks
 * the newest this client speaks; {@link #as(String)} then gives the API acting as a Slurm user.
 * Thread-safe; share one instance per cluster.
 */
public final class SlurmClient {

    private static final Logger log = LoggerFactory.getLogger(SlurmClient.class);

    /** Versions this client speaks, newest first. v0.0.39 (23.02) is not among the releases we test on. */
    public static final List<ApiVersion> SUPPORTED = List.of("v0.0.45", "v0.0.44", "v0.0.43", "v0.0.42", "v0.0.41",
            "v0.0.40", "v0.0.38").stream().map(ApiVersion::parse).toList();

    private static final Pattern VERSIONED_PATH = Pattern.compile("^/slurm/(v\\d+\\.\\d+\\.\\d+)/");

    private final SlurmClientConfig config;
    private final RestTransport transport;
    private volatile ClusterInfo info;
    /** The last discovery that failed, and when (guarded by this). */
    private FailedDiscovery lastFailure;

    public SlurmClient(SlurmClientConfig config) {
        this.config = config;
        this.transport = new RestTransport(config);
    }

    public SlurmClientConfig config() {
        return config;
    }

    /**
     * What discovery found; discovers on first call. Throws {@link SlurmException.Unavailable} when unreachable. Callers
     * that waited for a discovery that failed get its failure rather than each asking again in turn: with slurmctld
     * down, every discovery waits as long as slurmrestd takes to give up on it.
     */
    public ClusterInfo info() {
        ClusterInfo current = info;
        if (current == null) {
            long asked = System.nanoTime();
            synchronized (this) {
                if (info == null) {
                    FailedDiscovery failed = lastFailure;
                    if (failed != null && failed.atNanos() - asked > 0) {
                        throw failed.error();
                    }
                    try {
                        info = discover();
                    } catch (SlurmException e) {
                        lastFailure = new FailedDiscovery(e, System.nanoTime());
                        throw e;
                    }
                }
                current = info;
            }
        }
        return current;
    }

    private record FailedDiscovery(SlurmException error, long atNanos) {
    }

    /** Forgets what discovery found (e.g. after the site upgraded Slurm); the next call discovers again. */
    public void rediscover() {
        info = null;
    }

    /** The API of this cluster, acting as {@code slurmUser} (a token for that user is sent on every call). */
    public SlurmApi as(String slurmUser) {
        return as(slurmUser, info().apiVersion());
    }

    /**
     * The API acting as {@code slurmUser}, pinned to one of the versions the daemon serves (for sites that
     * pin a version, and for tests that cover every served version).
     */
    public SlurmApi as(String slurmUser, ApiVersion version) {
        if (slurmUser == null || slurmUser.isBlank()) {
            throw new IllegalArgumentException("a Slurm user name is required");
        }
        ClusterInfo current = info();
        if (!current.servedVersions().contains(version) || !SUPPORTED.contains(version)) {
            throw new IllegalArgumentException("API " + version + " is not both served (" + current.servedVersions()
                    + ") and supported (" + SUPPORTED + ")");
        }
        ClusterInfo pinned = new ClusterInfo(current.release(), current.clusterName(), current.servedVersions(), version);
        return version.compareTo(ApiVersion.parse("v0.0.40")) < 0
                ? new V0038Api(transport, pinned, slurmUser)
                : new V0040Api(transport, pinned, slurmUser);
    }

    /** The one transport of this cluster, for tools that record raw answers (tests, the fixture recorder). */
    public RestTransport transport() {
        return transport;
    }

    private ClusterInfo discover() {
        List<ApiVersion> served = servedVersions();
        ApiVersion chosen = SUPPORTED.stream().filter(served::contains).findFirst()
                .orElseThrow(() -> new SlurmException.Rejected("slurmrestd at " + transport.baseUrl()
                        + " serves " + served + "; this client speaks " + SUPPORTED, 0, List.of()));
        JsonNode meta = transport.get(config.discoveryUser(), "/slurm/" + chosen + "/ping", Map.of()).body().path("meta");
        JsonNode slurm = meta.has("Slurm") ? meta.path("Slurm") : meta.path("slurm");
        String release = slurm.path("release").asString("");
        String cluster = slurm.path("cluster").asString("");
        ClusterInfo found = new ClusterInfo(release, cluster.isEmpty() ? null : cluster, served, chosen);
        log.info("slurmrestd {}: Slurm {} serves {}, using {}", transport.baseUrl(), release, served, chosen);
        return found;
    }

    /**
     * Reads the versions from the daemon's own OpenAPI description; where that is not served, probes each
     * supported version's ping (which answers without a valid token).
     */
    private List<ApiVersion> servedVersions() {
        try {
            RestResponse spec = transport.get(config.discoveryUser(), "/openapi/v3", Map.of());
            TreeSet<ApiVersion> versions = new TreeSet<>();
            for (String path : spec.body().path("paths").propertyNames()) {
                Matcher m = VERSIONED_PATH.matcher(path);
                if (m.find()) {
                    versions.add(ApiVersion.parse(m.group(1)));
                }
            }
            if (!versions.isEmpty()) {
                return List.copyOf(versions.descendingSet());
            }
        } catch (SlurmException.NotFound | SlurmException.Rejected e) {
            log.info("slurmrestd {} has no usable /openapi/v3 ({}); probing versions", transport.baseUrl(), e.getMessage());
        }
        return SUPPORTED.stream().filter(v -> {
            try {
                transport.get(config.discoveryUser(), "/slurm/" + v + "/ping", Map.of());
                return true;
            } catch (SlurmException.NotFound | SlurmException.Rejected e) {
                return false;
            }
        }).toList();
    }
}
