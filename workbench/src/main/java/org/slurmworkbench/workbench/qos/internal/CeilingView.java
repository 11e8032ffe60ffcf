package org.slurmworkbench.workbench.qos.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slurmworkbench.workbench.web.FieldProblems;

/**
 * A QOS's use against its ceilings over a time range: one point per step, and the intervals in which a ceiling was
 * touched (use at or above a limit). {@code touched} on a point names the limits reached then.
 */
record CeilingView(String cluster, String qos, Instant from, Instant to, long stepSeconds, List<Point> points,
                   List<Touch> touches) {

    /** The longest range one view covers. */
    static final Duration MAX_SPAN = Duration.ofDays(31);
    /** About this many points at most, whatever the range. */
    static final int MAX_POINTS = 720;

    record Point(Instant time, int gpusUsed, int gpusUserMax, int cpusUsed, int cpusUserMax, Integer grpGpus,
                 Integer userGpus, Integer grpCpus, Integer userCpus, int pendingLimited, int pendingTotal, int idleGpus,
                 List<String> touched) {
    }

    /** From the first touched point to the end of the step of the last one in a row. */
    record Touch(Instant from, Instant to, List<String> limits) {
    }

    /** A checked range: {@code from} before {@code to}, at most {@link #MAX_SPAN}; default the last 24 hours. */
    record Range(Instant from, Instant to) {

        static Range parse(String from, String to, Instant now) {
            Instant end = to == null || to.isBlank() ? now : instant("to", to);
            Instant start = from == null || from.isBlank() ? end.minus(Duration.ofHours(24)) : instant("from", from);
            if (!start.isBefore(end)) {
                throw FieldProblems.invalid("from", "must be before 'to'");
            }
            if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
                throw FieldProblems.invalid("from", "must be at most 31 days before 'to'");
            }
            return new Range(start, end);
        }

        private static Instant instant(String field, String text) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw FieldProblems.invalid(field, "must be an ISO-8601 instant such as 2026-11-27T10:00:00Z");
            }
        }

        /** The step: the sample interval, or coarser so that the range has at most {@link #MAX_POINTS} points. */
        long step(Duration sampleInterval) {
            long span = Duration.between(from, to).toSeconds();
            return Math.max(Math.max(1, sampleInterval.toSeconds()), (span + MAX_POINTS - 1) / MAX_POINTS);
        }
    }

    static CeilingView of(String cluster, String qos, Range range, long step, List<CeilingSample> samples) {
        List<Point> points = samples.stream().map(s -> new Point(s.at(), s.gpusUsed(), s.gpusUserMax(), s.cpusUsed(),
                s.cpusUserMax(), s.grpGpus(), s.userGpus(), s.grpCpus(), s.userCpus(), s.pendingLimited(),
                s.pendingTotal(), s.idleGpus(), touched(s))).toList();
        List<Touch> touches = new ArrayList<>();
        Instant start = null;
        Instant last = null;
        java.util.Set<String> limits = new java.util.LinkedHashSet<>();
        for (Point p : points) {
            boolean continues = last != null && !p.time().isAfter(last.plusSeconds(step));
            if (!p.touched().isEmpty() && start != null && continues) {
                limits.addAll(p.touched());
                last = p.time();
                continue;
            }
            if (start != null) {
                touches.add(new Touch(start, last.plusSeconds(step), List.copyOf(limits)));
                start = null;
            }
            if (!p.touched().isEmpty()) {
                start = p.time();
                last = p.time();
                limits = new java.util.LinkedHashSet<>(p.touched());
            }
        }
        if (start != null) {
            touches.add(new Touch(start, last.plusSeconds(step), List.copyOf(limits)));
        }
        return new CeilingView(cluster, qos, range.from(), range.to(), step, points, List.copyOf(touches));
    }

    /** The limits use reached: a limit of 0 counts only when jobs wait on a QOS limit (nothing may run at all). */
    static List<String> touched(CeilingSample s) {
        List<String> out = new ArrayList<>();
        boolean waiting = s.pendingLimited() > 0;
        if (reached(s.gpusUsed(), s.grpGpus(), waiting)) out.add("GrpTRES gres/gpu");
        if (reached(s.gpusUserMax(), s.userGpus(), waiting)) out.add("MaxTRESPerUser gres/gpu");
        if (reached(s.cpusUsed(), s.grpCpus(), waiting)) out.add("GrpTRES cpu");
        if (reached(s.cpusUserMax(), s.userCpus(), waiting)) out.add("MaxTRESPerUser cpu");
        return out;
    }

    private static boolean reached(int used, Integer limit, boolean waiting) {
        return limit != null && used >= limit && (limit > 0 || waiting);
    }
}
