package org.slurmworkbench.workbench.cluster.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slurmworkbench.workbench.cluster.VisibleJobs;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code workbench.*}: the clusters the workbench talks to. Clusters come from {@code workbench.clusters[]} and,
 * when {@code workbench.lab-root} is set, from every {@code <lab-root>/*}{@code /cluster.env} the lab writes.
 * Invalid values stop the start with a message that names the property.
 */
@Validated
@ConfigurationProperties("workbench")
record ClusterProperties(
        Path labRoot,
        @Valid List<Cluster> clusters,
        @Valid @DefaultValue ClusterStatusSettings clusterStatus) {

    public ClusterProperties {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }

    public enum TokenMode {
        /** Mint a short-lived HS256 token per Slurm user with the cluster's JWT key. */
        MINT,
        /** Read a token that something outside the workbench renews, from a file (path may contain {user}). */
        FILE
    }

    /**
     * One slurmrestd. "Required" and cross-field rules live in {@link ValidCluster}, which reports them under the
     * kebab-case property names people write (a field-level {@code @NotNull} would be reported as {@code serviceUser}).
     */
    @ValidCluster
    public record Cluster(
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}",
                    message = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (it is used in URLs)")
            String name,
            URI url,
            @DefaultValue("mint") TokenMode tokenMode,
            Path jwtKey,
            String tokenFile,
            @DefaultValue("5m") Duration tokenLifespan,
            @Pattern(regexp = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}", message = "must be a Slurm/Unix user name")
            String serviceUser,
            @DefaultValue("3s") Duration connectTimeout,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("3m") Duration listTimeout,
            @DefaultValue("accounts") VisibleJobs visibleJobs) {
    }

    /** How reachability is checked: answers older than {@code ttl} are refreshed; a probe is awaited at most {@code timeout}. */
    public record ClusterStatusSettings(
            @DefaultValue("5s") Duration ttl,
            @DefaultValue("2s") Duration timeout,
            @DefaultValue("workbench:cluster-status:") @NotBlank(message = "is required") String keyPrefix) {
    }
}
