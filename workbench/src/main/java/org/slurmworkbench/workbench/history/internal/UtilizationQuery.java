package org.slurmworkbench.workbench.history.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.boot.convert.DurationStyle;

/**
 * The checked {@code from}, {@code to} and {@code step} of a utilization read. Times are ISO-8601 instants
 * ({@code 2026-11-27T08:00:00Z}); the step is a duration ({@code 60s}, {@code 5m}, {@code 1h}, {@code 1d}) of at
 * least a minute. Defaults: the last 24 hours, about 300 points.
 */
record UtilizationQuery(Instant from, Instant to, Duration step) {

    static final int MAX_POINTS = 5000;
    static final int DEFAULT_POINTS = 300;

    static UtilizationQuery of(String from, String to, String step, Instant now) {
        Instant end = to == null || to.isBlank() ? now : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofHours(24)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidParameterException("from", "must be before 'to' (" + end + ")");
        }
        long range = Duration.between(start, end).toSeconds();
        Duration s;
        if (step == null || step.isBlank()) {
            s = Duration.ofSeconds(Math.max(60, (range / DEFAULT_POINTS + 59) / 60 * 60));
        } else {
            try {
                s = DurationStyle.detectAndParse(step.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("step", "must be a duration such as 60s, 5m, 1h or 1d");
            }
            if (s.toSeconds() < 60) {
                throw new InvalidParameterException("step", "must be at least 60s (the finest stored resolution)");
            }
            if (range / s.toSeconds() > MAX_POINTS) {
                throw new InvalidParameterException("step", "is too small for the range: at most " + MAX_POINTS + " points");
            }
        }
        return new UtilizationQuery(start, end, s);
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(field, "must be an ISO-8601 instant such as 2026-11-27T08:00:00Z");
        }
    }
}
