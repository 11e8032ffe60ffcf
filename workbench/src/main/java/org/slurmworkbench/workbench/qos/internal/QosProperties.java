package org.slurmworkbench.workbench.qos.internal;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code workbench.qos.*}: the ceiling sampler records every QOS of every cluster each {@code sample-interval} and
 * keeps the samples for {@code keep}.
 */
@Validated
@ConfigurationProperties("workbench.qos")
record QosProperties(
        @DefaultValue("true") boolean sampling,
        @DefaultValue("60s") @NotNull(message = "is required") Duration sampleInterval,
        @DefaultValue("30d") @NotNull(message = "is required") Duration keep) {
}
