package org.slurmworkbench.workbench.dashboard.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code workbench.dashboard.*}: an overview younger than {@code ttl} is served as is, an older one is served
 * while one background fetch renews it; a viewer with nothing cached waits at most {@code max-wait}; the last known
 * overview is kept in Redis for {@code keep} so it can be shown (stale) during an outage.
 */
@Validated
@ConfigurationProperties("workbench.dashboard")
record DashboardProperties(
        @DefaultValue("10s") @NotNull(message = "is required") Duration ttl,
        @DefaultValue("8s") @NotNull(message = "is required") Duration maxWait,
        @DefaultValue("7d") @NotNull(message = "is required") Duration keep,
        @DefaultValue("10s") @NotNull(message = "is required") Duration refresh,
        @DefaultValue("workbench:overview:") @NotBlank(message = "is required") String keyPrefix) {
}
