package org.slurmworkbench.workbench.security.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code workbench.security.*}. {@code coordinator-ttl}: how long what slurmdbd said about accounts and their
 * coordinators is reused (a new coordinator counts at the latest this long after {@code sacctmgr}).
 * {@code login-throttle}: failed logins counted in Redis per user name and address, per address and per user name.
 */
@Validated
@ConfigurationProperties("workbench.security")
record SecurityProperties(
        @DefaultValue("30s") Duration coordinatorTtl,
        @Valid @DefaultValue LoginThrottleSettings loginThrottle) {

    /**
     * After {@code maxFailuresPerUser} failures of one user name from one address (or {@code maxFailuresPerIp} from
     * one address) within {@code window}, logins for it are refused for {@code lockout}. From {@code delayAfter}
     * failures of a name over all addresses on, its next try waits {@code delay}, doubled per failure up to
     * {@code maxDelay}, except from an address the user logged in from within {@code rememberAddress}
     * ({@link LoginThrottle}).
     */
    public record LoginThrottleSettings(
            @DefaultValue("5") @Min(value = 1, message = "must be at least 1") int maxFailuresPerUser,
            @DefaultValue("20") @Min(value = 1, message = "must be at least 1") int maxFailuresPerIp,
            @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration lockout,
            @DefaultValue("10") @Min(value = 1, message = "must be at least 1") int delayAfter,
            @DefaultValue("1s") Duration delay,
            @DefaultValue("1m") Duration maxDelay,
            @DefaultValue("30d") Duration rememberAddress,
            @DefaultValue("workbench:login-failures:") @NotBlank(message = "is required") String keyPrefix) {
    }
}
