package org.slurmworkbench.workbench.workload.run;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code workbench.workload.*}: default and highest submitters per run ({@code concurrency}, {@code max-concurrency}),
 * the default rate limit in submissions per second (0: none), how long a claimed job may go without an answer before
 * Slurm is asked whether it holds it ({@code claim-timeout}), how long a stream entry may stay with a silent consumer
 * before another takes it ({@code min-idle}), how often the engine looks at its runs ({@code tick}), and the Redis key
 * prefix of the run streams; how often a running run reads the scheduler's /diag ({@code diag-step}) and how long
 * after its end it waits for its jobs to end before its last reading ({@code diag-end-wait}).
 */
@Validated
@ConfigurationProperties("workbench.workload")
record WorkloadProperties(
        @DefaultValue("8") @Min(1) @Max(256) int concurrency,
        @DefaultValue("64") @Min(1) @Max(256) int maxConcurrency,
        @DefaultValue("0") @Min(0) int rateLimit,
        @DefaultValue("60s") @NotNull Duration claimTimeout,
        @DefaultValue("30s") @NotNull Duration minIdle,
        @DefaultValue("500ms") @NotNull Duration tick,
        @DefaultValue("workbench:workload:") @NotBlank String keyPrefix,
        @DefaultValue("30s") @NotNull Duration diagStep,
        @DefaultValue("2h") @NotNull Duration diagEndWait) {
}
