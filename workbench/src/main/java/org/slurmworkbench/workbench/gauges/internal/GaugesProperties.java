package org.slurmworkbench.workbench.gauges.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code workbench.metrics.*}: {@code top}, how many users and accounts keep their own label in the running CPU and GPU
 * gauges (the rest are summed under {@code other}). The scrape token ({@code workbench.metrics.token}) is read by the
 * security module.
 */
@Validated
@ConfigurationProperties("workbench.metrics")
record GaugesProperties(
        @DefaultValue("20") @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000") int top,
        String token) {
}
