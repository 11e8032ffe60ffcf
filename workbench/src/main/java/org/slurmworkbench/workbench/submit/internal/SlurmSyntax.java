package org.slurmworkbench.workbench.submit.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm's own syntax for time limits, memory sizes, array specs and dependencies, as sbatch(1) documents them,
 * checked here so a mistake is named on its field before anything reaches Slurm.
 */
final class SlurmSyntax {

    /** Slurm's hard ceiling for MaxArraySize; a cluster's own MaxArraySize may be lower (then Slurm says so). */
    static final int MAX_ARRAY_INDEX = 4_000_000;

    private static final Pattern MINUTES = Pattern.compile("(\\d{1,7})");
    private static final Pattern MIN_SEC = Pattern.compile("(\\d{1,7}):(\\d{1,2})");
    private static final Pattern H_M_S = Pattern.compile("(\\d{1,5}):(\\d{1,2}):(\\d{1,2})");
    private static final Pattern DAYS = Pattern.compile("(\\d{1,4})-(\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2}))?)?");
    private static final Pattern MEMORY = Pattern.compile("(\\d{1,12})([KMGT]?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ARRAY_PART = Pattern.compile("(\\d{1,7})(?:-(\\d{1,7})(?::(\\d{1,7}))?)?");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "(?:(?:after|afterany|afterok|afternotok|aftercorr|afterburstbuffer)(?::\\d{1,10}(?:_\\d{1,7})?(?:\\+\\d{1,7})?)+|singleton)");

    private static final Pattern BEGIN_RELATIVE = Pattern.compile(
            "now(?:\\+(\\d{1,9})(seconds?|minutes?|hours?|days?|weeks?|s|m|h|d|w)?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern BEGIN_CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

    /** A begin time further ahead than this is most likely a typo (e.g. 2062 for 2026). */
    static final Duration MAX_BEGIN_AHEAD = Duration.ofDays(366);

    /** Unlimited, as Slurm writes it. */
    static final int UNLIMITED = -1;

    private SlurmSyntax() {
    }

    /**
     * Minutes of a time limit in any of sbatch's forms ({@code MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS}),
     * seconds rounded up to a minute as Slurm does; {@link #UNLIMITED} for UNLIMITED/INFINITE; empty when malformed.
     */
    static OptionalInt timeMinutes(String s) {
        if (s == null) {
            return OptionalInt.empty();
        }
        String t = s;
        if (t.equalsIgnoreCase("UNLIMITED") || t.equalsIgnoreCase("INFINITE")) {
            return OptionalInt.of(UNLIMITED);
        }
        Matcher m;
        long seconds;
        if ((m = MINUTES.matcher(t)).matches()) {
            seconds = Long.parseLong(m.group(1)) * 60;
        } else if ((m = MIN_SEC.matcher(t)).matches()) {
            if (Integer.parseInt(m.group(2)) > 59) return OptionalInt.empty();
            seconds = Long.parseLong(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        } else if ((m = H_M_S.matcher(t)).matches()) {
            if (Integer.parseInt(m.group(2)) > 59 || Integer.parseInt(m.group(3)) > 59) return OptionalInt.empty();
            seconds = Long.parseLong(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60L + Integer.parseInt(m.group(3));
        } else if ((m = DAYS.matcher(t)).matches()) {
            int h = Integer.parseInt(m.group(2));
            int min = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int sec = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            if (h > 23 || min > 59 || sec > 59) return OptionalInt.empty();
            seconds = Long.parseLong(m.group(1)) * 86400 + h * 3600L + min * 60L + sec;
        } else {
            return OptionalInt.empty();
        }
        long minutes = (seconds + 59) / 60;
        // Slurm keeps time limits in 32-bit minutes, below its INFINITE marker.
        return minutes < 1 || minutes >= Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) minutes);
    }

    /** Megabytes of a memory size: a number with an optional unit K, M (default), G or T; K rounds up. */
    static OptionalLong memoryMb(String s) {
        if (s == null) {
            return OptionalLong.empty();
        }
        Matcher m = MEMORY.matcher(s);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long n = Long.parseLong(m.group(1));
        long mb = switch (m.group(2).toUpperCase()) {
            case "K" -> (n + 1023) / 1024;
            case "G" -> n * 1024;
            case "T" -> n * 1024 * 1024;
            default -> n;
        };
        return mb < 1 || mb > (1L << 40) ? OptionalLong.empty() : OptionalLong.of(mb);
    }

    /**
     * Whether an array spec follows sbatch's {@code --array}: comma-separated indexes, ranges {@code N-M} and
     * stepped ranges {@code N-M:S}, optionally ending in {@code %T} (at most T tasks at once); null when valid,
     * otherwise the reason.
     */
    static String arrayProblem(String s) {
        if (s == null || s.isBlank()) {
            return "is empty";
        }
        String spec = s;
        int percent = spec.indexOf('%');
        if (percent >= 0) {
            String throttle = spec.substring(percent + 1);
            if (!throttle.matches("\\d{1,7}") || Integer.parseInt(throttle) < 1) {
                return "has a throttle after % that is not a whole number of at least 1";
            }
            spec = spec.substring(0, percent);
        }
        if (spec.isEmpty()) {
            return "has no indexes";
        }
        for (String part : spec.split(",", -1)) {
            Matcher m = ARRAY_PART.matcher(part);
            if (!m.matches()) {
                return "has '" + part + "', which is not N, N-M or N-M:S";
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2) == null ? first : Long.parseLong(m.group(2));
            if (last < first) {
                return "has the range " + part + ", which ends before it starts";
            }
            if (last > MAX_ARRAY_INDEX) {
                return "has an index above " + MAX_ARRAY_INDEX;
            }
            if (m.group(3) != null && Long.parseLong(m.group(3)) < 1) {
                return "has a step of 0 in " + part;
            }
        }
        return null;
    }

    /** Whether a dependency follows sbatch's {@code --dependency}: conditions joined by ',' (all) or '?' (any). */
    static boolean validDependency(String s) {
        if (s == null || s.isBlank()) {
            return false;
        }
        String d = s;
        if (d.contains(",") && d.contains("?")) {
            return false; // Slurm takes either all-of or any-of, not both
        }
        for (String part : d.split("[,?]", -1)) {
            if (!DEPENDENCY.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The instant of a begin time in sbatch's {@code --begin} forms: {@code now}, {@code now+N[seconds|minutes|hours|
     * days|weeks]} (seconds by default, as sbatch), {@code HH:MM[:SS]} (the next such time), {@code YYYY-MM-DD},
     * {@code YYYY-MM-DDTHH:MM[:SS]} (local time of {@code zone}), or an ISO instant with an offset
     * ({@code 2026-11-27T08:00:00Z}). Empty when malformed or more than {@link #MAX_BEGIN_AHEAD} ahead.
     */
    static Optional<Instant> beginTime(String s, Instant now, ZoneId zone) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        String t = s.strip();
        Instant at;
        Matcher m;
        try {
            if ((m = BEGIN_RELATIVE.matcher(t)).matches()) {
                long n = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase();
                long seconds = switch (unit.charAt(0)) {
                    case 'm' -> 60;
                    case 'h' -> 3600;
                    case 'd' -> 86_400;
                    case 'w' -> 604_800;
                    default -> 1;
                };
                at = now.plusSeconds(Math.multiplyExact(n, seconds));
            } else if ((m = BEGIN_CLOCK.matcher(t)).matches()) {
                LocalTime time = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
                ZonedDateTime today = now.atZone(zone).with(time);
                at = (today.toInstant().isAfter(now) ? today : today.plusDays(1)).toInstant();
            } else if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                at = LocalDate.parse(t).atStartOfDay(zone).toInstant();
            } else if (t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?")) {
                at = LocalDateTime.parse(t).atZone(zone).toInstant();
            } else {
                at = OffsetDateTime.parse(t).toInstant();
            }
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
        return at.isAfter(now.plus(MAX_BEGIN_AHEAD)) ? Optional.empty() : Optional.of(at);
    }
}
