package org.slurmworkbench.workbench.history.internal;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code workbench.history.*}: a snapshot every {@code interval}; 1-minute rows are kept for {@code keep-minutes},
 * hourly rows for {@code keep-hours}, daily rows for {@code keep-days} (a year of history is ~365 rows per series).
 */
@Validated
@ConfigurationProperties("workbench.history")
record HistoryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") @NotNull(message = "is required") Duration interval,
        @DefaultValue("2d") @NotNull(message = "is required") Duration keepMinutes,
        @DefaultValue("90d") @NotNull(message = "is required") Duration keepHours,
        @DefaultValue("1830d") @NotNull(message = "is required") Duration keepDays) {
}
