package org.slurmworkbench.workbench.accounting.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slurmworkbench.workbench.shared.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;

/**
 * Reads query parameters strictly: every problem is collected with the parameter's name and answered as one 400
 * in the API's problem-details shape ({@code errors: [{field, message}]}). Values end up only as bound SQL
 * parameters or as names picked from whitelists, never in SQL text.
 */
final class QueryParams {

    static final Duration MAX_RANGE = Duration.ofDays(3700);
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@+-]{1,64}");
    static final Set<String> STATES = Set.of("BOOT_FAIL", "CANCELLED", "COMPLETED", "DEADLINE", "FAILED", "NODE_FAIL",
            "OUT_OF_MEMORY", "PENDING", "PREEMPTED", "RUNNING", "REQUEUED", "RESIZING", "REVOKED", "SUSPENDED",
            "TIMEOUT");

    private final MultiValueMap<String, String> raw;
    private final Map<String, String> errors = new LinkedHashMap<>();

    QueryParams(MultiValueMap<String, String> raw, Set<String> known) {
        this.raw = raw;
        for (String name : raw.keySet()) {
            if (!known.contains(name) && !name.equals("lang")) {
                error(name, "is not a known parameter; known: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    void error(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    String one(String name) {
        List<String> values = raw.get(name);
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) {
            return null;
        }
        if (values.size() > 1) {
            error(name, "is given more than once");
        }
        return values.getFirst().strip();
    }

    /** Comma-separated and/or repeated values, each checked against a name pattern. */
    List<String> names(String name) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : raw.getOrDefault(name, List.of())) {
            for (String part : v.split(",")) {
                String p = part.strip(); // strip, not trim: trim would drop control characters silently
                if (p.isEmpty()) {
                    continue;
                }
                if (!NAME.matcher(p).matches()) {
                    error(name, "has an invalid value '" + abbreviate(p) + "' (letters, digits and _ . @ + - only, at most 64)");
                } else {
                    out.add(p);
                }
            }
        }
        if (out.size() > 200) {
            error(name, "lists more than 200 values");
        }
        return new ArrayList<>(out);
    }

    List<String> states() {
        List<String> out = new ArrayList<>();
        for (String s : names("states")) {
            String u = s.toUpperCase(java.util.Locale.ROOT);
            if (STATES.contains(u)) {
                out.add(u);
            } else {
                error("states", "has an unknown state '" + abbreviate(s) + "'; known: " + String.join(", ", STATES.stream().sorted().toList()));
            }
        }
        return out;
    }

    /** {@code 2026-11-27} (midnight UTC) or an ISO instant such as {@code 2026-11-27T08:00:00Z}. */
    Instant time(String name, Instant fallback) {
        String v = one(name);
        if (v == null) {
            return fallback;
        }
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            error(name, "must be a date (2026-11-27) or an ISO time in UTC (2026-11-27T08:00:00Z)");
            return fallback;
        }
    }

    /** Checks {@code from < to} and the range's size; errors name {@code from}/{@code to}. */
    void range(Instant from, Instant to) {
        if (from == null || to == null) {
            return;
        }
        if (!from.isBefore(to)) {
            error("to", "must be after 'from'");
        } else if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            error("from", "is too far before 'to': a query spans at most " + MAX_RANGE.toDays() + " days");
        }
        if (from.isBefore(Instant.parse("1970-01-02T00:00:00Z")) || to.isAfter(Instant.parse("9999-01-01T00:00:00Z"))) {
            error("from", "is outside the supported years");
        }
    }

    int integer(String name, int fallback, int min, int max) {
        String v = one(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                error(name, "must be between " + min + " and " + max);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            error(name, "must be an integer between " + min + " and " + max);
            return fallback;
        }
    }

    /** Picks a value from a whitelist (case-insensitive). */
    String choice(String name, List<String> allowed, String fallback) {
        String v = one(name);
        if (v == null) {
            return fallback;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        error(name, "must be one of " + String.join(", ", allowed));
        return fallback;
    }

    /** A comma-separated list of names from a whitelist, without repeats. */
    List<String> choices(String name, List<String> allowed, List<String> fallback) {
        List<String> values = raw.getOrDefault(name, List.of()).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (values.isEmpty()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String match = allowed.stream().filter(a -> a.equalsIgnoreCase(v)).findFirst().orElse(null);
            if (match == null) {
                error(name, "has an unknown name '" + abbreviate(v) + "'; known: " + String.join(", ", allowed));
            } else if (out.contains(match)) {
                error(name, "names '" + match + "' twice");
            } else {
                out.add(match);
            }
        }
        return out;
    }

    /** Throws the collected errors as one 400 problem. */
    void check() {
        if (errors.isEmpty()) {
            return;
        }
        List<Map<String, String>> list = errors.entrySet().stream().map(e -> Problems.field(e.getKey(), e.getValue())).toList();
        throw new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.invalid(list), null);
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
