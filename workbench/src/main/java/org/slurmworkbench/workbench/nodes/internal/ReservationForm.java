package org.slurmworkbench.workbench.nodes.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slurmworkbench.slurm.NewReservation;
import org.slurmworkbench.workbench.cluster.HostList;
import org.slurmworkbench.workbench.web.FieldProblems;

/**
 * A maintenance reservation as the form and the API take it, as typed: {@code start} and {@code end} ISO-8601, in UTC
 * when no offset is given ("2026-12-07T02:30"), start empty for now; {@code end} or {@code duration} in minutes;
 * {@code nodes} a host list or ALL; {@code users} and {@code accounts} (one of them at least), each item may be a comma
 * list; {@code flags} from {@link #FLAGS}. {@link #check} turns it into Slurm's request or a 400 naming each bad field.
 * Serializable: the page keeps it across its redirect (a flash attribute, in the session store) to show it again.
 */
record ReservationForm(String name, String start, String end, String duration, String nodes,
                       @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> users,
                       @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> accounts,
                       @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> flags)
        implements java.io.Serializable {

    /** The flags the form offers: those that make sense for a reservation of named nodes (Slurm knows more). */
    static final List<String> FLAGS = List.of("MAINT", "IGNORE_JOBS", "OVERLAP", "FLEX", "MAGNETIC", "STATIC", "HOURLY",
            "DAILY", "WEEKDAY", "WEEKEND", "WEEKLY", "NO_HOLD_JOBS_AFTER_END");
    static final int MAX_DURATION_MINUTES = 366 * 24 * 60;
    static final int MAX_NODES = 10_000;
    /** Slurm names: reservations, users, accounts. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A start this far in the past is taken as a mistake, not as "now". */
    private static final Duration PAST = Duration.ofMinutes(5);

    static ReservationForm empty() {
        return new ReservationForm("", "", "", "", "", List.of(), List.of(), List.of("MAINT", "IGNORE_JOBS"));
    }

    /** Each text field as the form shows it again (lists joined by commas); null fields empty. */
    public Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", name == null ? "" : name);
        v.put("nodes", nodes == null ? "" : nodes);
        v.put("start", start == null ? "" : start);
        v.put("duration", duration == null ? "" : duration);
        v.put("end", end == null ? "" : end);
        v.put("users", users == null ? "" : String.join(", ", users));
        v.put("accounts", accounts == null ? "" : String.join(", ", accounts));
        return v;
    }

    /**
     * Slurm's request, or a 400 naming every bad field. {@code nodesOfCluster} are the cluster's node names: a name
     * outside them is refused here, with the names, rather than by Slurm with a number.
     */
    NewReservation check(Instant now, Set<String> nodesOfCluster) {
        Map<String, String> errors = new LinkedHashMap<>();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            errors.put("name", "is required: letters, digits, '.', '_', '-' (at most 64)");
        } else if (!NAME.matcher(n).matches()) {
            errors.put("name", "'" + n + "' is not a reservation name: letters, digits, '.', '_', '-' (at most 64), starting with a letter or digit");
        }
        Instant from = now;
        if (start != null && !start.isBlank()) {
            from = time(start);
            if (from == null) {
                errors.put("start", "'" + start.strip() + "' is not a time such as 2026-12-07T02:30 (UTC) or 2026-12-07T02:30:00Z");
            } else if (from.isBefore(now.minus(PAST))) {
                errors.put("start", "lies in the past (" + from + "); leave it empty to start now");
            }
        }
        Instant to = null;
        Integer minutes = null;
        boolean hasEnd = end != null && !end.isBlank();
        boolean hasDuration = duration != null && !duration.isBlank();
        if (hasEnd && hasDuration) {
            errors.put("end", "give an end or a duration, not both");
        } else if (!hasEnd && !hasDuration) {
            errors.put("duration", "is required (minutes), or give an end");
        } else if (hasDuration) {
            try {
                minutes = Integer.valueOf(duration.strip());
            } catch (NumberFormatException e) {
                minutes = null;
            }
            if (minutes == null || minutes < 1 || minutes > MAX_DURATION_MINUTES) {
                errors.put("duration", "must be a whole number of minutes from 1 to " + MAX_DURATION_MINUTES + ", not '" + duration.strip() + "'");
                minutes = null;
            }
        } else {
            to = time(end);
            if (to == null) {
                errors.put("end", "'" + end.strip() + "' is not a time such as 2026-12-07T04:30 (UTC) or 2026-12-07T04:30:00Z");
            } else if (from != null && !to.isAfter(from)) {
                errors.put("end", "must be after the start (" + from + ")");
            }
        }
        String hosts = nodes == null ? "" : nodes.strip();
        if (hosts.isEmpty()) {
            errors.put("nodes", "is required: a host list such as c[1-2] or ALL");
        } else if (!hosts.equalsIgnoreCase("ALL")) {
            try {
                List<String> unknown = HostList.expand(hosts, MAX_NODES).stream().filter(h -> !nodesOfCluster.contains(h)).toList();
                if (!unknown.isEmpty()) {
                    errors.put("nodes", "names nodes the cluster does not have: " + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                            + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : ""));
                }
            } catch (IllegalArgumentException e) {
                errors.put("nodes", "is not a host list such as c[1-2],g1: " + e.getMessage());
            }
        } else {
            hosts = "ALL";
        }
        List<String> u = names("users", users, errors);
        List<String> a = names("accounts", accounts, errors);
        if (u.isEmpty() && a.isEmpty() && !errors.containsKey("users") && !errors.containsKey("accounts")) {
            errors.put("users", "give the users or the accounts (or both) who may run jobs in the reservation, e.g. root");
        }
        List<String> f = new ArrayList<>();
        for (String flag : flags == null ? List.<String>of() : flags) {
            String x = flag == null ? "" : flag.strip().toUpperCase(Locale.ROOT);
            if (x.isEmpty() || f.contains(x)) {
                continue;
            }
            if (!FLAGS.contains(x)) {
                errors.put("flags", "'" + flag + "' is not one of " + String.join(", ", FLAGS));
            }
            f.add(x);
        }
        if (!errors.isEmpty()) {
            throw FieldProblems.invalid(errors);
        }
        return new NewReservation(n, from, to, minutes, hosts, u, a, f);
    }

    /** The names of a list field: items split at commas, trimmed, blanks dropped, each a Slurm name. */
    private static List<String> names(String field, List<String> items, Map<String, String> errors) {
        List<String> out = new ArrayList<>();
        for (String item : items == null ? List.<String>of() : items) {
            for (String part : (item == null ? "" : item).split(",")) {
                String p = part.strip();
                if (p.isEmpty() || out.contains(p)) {
                    continue;
                }
                if (!NAME.matcher(p).matches()) {
                    errors.putIfAbsent(field, "'" + p + "' is not a Slurm " + (field.equals("users") ? "user" : "account")
                            + " name (letters, digits, '.', '_', '-')");
                }
                out.add(p);
            }
        }
        return out;
    }

    /** An ISO-8601 instant, or a local date-time taken as UTC (what a datetime-local input sends); null if neither. */
    static Instant time(String text) {
        String t = text.strip().replace(' ', 'T');
        try {
            return Instant.parse(t); // with Z or an offset
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
