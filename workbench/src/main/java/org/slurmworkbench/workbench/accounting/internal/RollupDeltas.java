package org.slurmworkbench.workbench.accounting.internal;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a batch of job writes changes in the daily, monthly and yearly rollups: every stored version a write replaces is
 * subtracted, every new version added, per rollup row. Applying the sums keeps each rollup exactly equal to a GROUP BY
 * of the job table without re-reading it. Keys are sorted so concurrent writers lock rollup rows in the same order.
 */
final class RollupDeltas {

    /** A rollup row's key: the UTC end day (or the first day of its month or year) and the group columns. */
    record Key(LocalDate period, String user, String account, String partition, String qos, String state) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::period).thenComparing(Key::user)
                .thenComparing(Key::account).thenComparing(Key::partition).thenComparing(Key::qos)
                .thenComparing(Key::state);
    }

    /** The additive measures of a rollup row. */
    static final class Sums {
        long jobs;
        long cpuSeconds;
        long gpuSeconds;
        long waitSeconds;
        long startedJobs;
        long elapsedSeconds;
        long measuredJobs;
        long measuredCpuSeconds;
        long cpuUsedMillis;
        long lowCpuJobs;
        long memJobs;
        long memRequestedMbSeconds;
        long memPeakMbSeconds;
        long memRequestedMb;
        long memPeakMb;
        long memEfficiencyPpm;
        long limitJobs;
        long limitUsePpm;
        long lowLimitJobs;

        /** The measures in the order of the rollups' columns after the key (see {@link JobStore}). */
        long[] values() {
            return new long[] {jobs, cpuSeconds, gpuSeconds, waitSeconds, startedJobs, elapsedSeconds, measuredJobs,
                measuredCpuSeconds, cpuUsedMillis, lowCpuJobs, memJobs, memRequestedMbSeconds, memPeakMbSeconds,
                memRequestedMb, memPeakMb, memEfficiencyPpm, limitJobs, limitUsePpm, lowLimitJobs};
        }

        boolean isZero() {
            for (long v : values()) {
                if (v != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A finished job as the rollups count it. It is measured for CPU efficiency when its steps' CPU time is known and
     * it was given CPU time; it counts as low when it used under 25 % of what it was given. Memory and time-limit use
     * are counted as V95 writes them in SQL, in the same integers.
     */
    record Counted(LocalDate endDay, String user, String account, String partition, String qos, String state,
                   long cpuSeconds, long gpuSeconds, Long waitSeconds, long elapsedSeconds, Long cpuUsedMillis,
                   int nodes, long memoryMb, Long maxRssBytes, Integer timeLimitMinutes) {

        private static final long MIB = 1024 * 1024;

        static Counted of(JobRow r) {
            return r.end() == null ? null : new Counted(JobStore.day(r.end()), r.user(), r.account(), r.partition(),
                    r.qos(), r.state(), r.cpuSeconds(), r.gpuSeconds(), r.waitSeconds(), r.elapsedSeconds(),
                    r.cpuUsedMillis(), r.nodes(), r.memoryMb(), r.maxRssBytes(), r.timeLimitMinutes());
        }

        /** A step's MaxRSS was sampled and at least 1 MiB per node was asked for. */
        boolean memoryMeasured() {
            return maxRssBytes != null && nodes > 0 && memoryMb >= nodes;
        }

        long requestedPerNodeMb() {
            return memoryMb / nodes;
        }

        long peakMb() {
            return maxRssBytes / MIB;
        }

        /** Peak / request per node in millionths, truncated as MariaDB's DIV. */
        long memoryEfficiencyPpm() {
            return maxRssBytes / 1024 * 1_000_000 / (requestedPerNodeMb() * 1024);
        }

        /** It has a time limit and ran. */
        boolean limitMeasured() {
            return timeLimitMinutes != null && timeLimitMinutes > 0 && elapsedSeconds > 0;
        }

        long limitUsePpm() {
            return elapsedSeconds * 1_000_000 / (timeLimitMinutes * 60L);
        }

        /** Ended before a quarter of its time limit. */
        boolean lowLimitUse() {
            return limitMeasured() && elapsedSeconds * 4 < timeLimitMinutes * 60L;
        }

        boolean measured() {
            return cpuUsedMillis != null && cpuSeconds > 0;
        }

        /** Under 25 %: used ms / (1000 x given s) < 0.25, in integers as the job-table SQL writes it. */
        boolean low() {
            return measured() && cpuUsedMillis < 250 * cpuSeconds;
        }
    }

    private final Map<Key, Sums> daily = new TreeMap<>(Key.ORDER);
    private final Map<Key, Sums> monthly = new TreeMap<>(Key.ORDER);
    private final Map<Key, Sums> yearly = new TreeMap<>(Key.ORDER);

    void add(Counted c) {
        apply(c, 1);
    }

    void subtract(Counted c) {
        apply(c, -1);
    }

    private void apply(Counted c, int sign) {
        if (c == null) {
            return; // not finished: counted by no rollup
        }
        sum(daily, c.endDay(), c, sign);
        sum(monthly, c.endDay().withDayOfMonth(1), c, sign);
        sum(yearly, c.endDay().withDayOfYear(1), c, sign);
    }

    private static void sum(Map<Key, Sums> rollup, LocalDate period, Counted c, int sign) {
        Sums s = rollup.computeIfAbsent(new Key(period, c.user(), c.account(), c.partition(), c.qos(), c.state()),
                k -> new Sums());
        s.jobs += sign;
        s.cpuSeconds += sign * c.cpuSeconds();
        s.gpuSeconds += sign * c.gpuSeconds();
        if (c.waitSeconds() != null) {
            s.waitSeconds += sign * c.waitSeconds();
            s.startedJobs += sign;
        }
        s.elapsedSeconds += sign * c.elapsedSeconds();
        if (c.measured()) {
            s.measuredJobs += sign;
            s.measuredCpuSeconds += sign * c.cpuSeconds();
            s.cpuUsedMillis += sign * c.cpuUsedMillis();
            if (c.low()) {
                s.lowCpuJobs += sign;
            }
        }
        if (c.memoryMeasured()) {
            s.memJobs += sign;
            s.memRequestedMbSeconds += sign * c.memoryMb() * c.elapsedSeconds();
            s.memPeakMbSeconds += sign * c.peakMb() * c.nodes() * c.elapsedSeconds();
            s.memRequestedMb += sign * c.requestedPerNodeMb();
            s.memPeakMb += sign * c.peakMb();
            s.memEfficiencyPpm += sign * c.memoryEfficiencyPpm();
        }
        if (c.limitMeasured()) {
            s.limitJobs += sign;
            s.limitUsePpm += sign * c.limitUsePpm();
            if (c.lowLimitUse()) {
                s.lowLimitJobs += sign;
            }
        }
    }

    /** Daily rows that change, in lock order; rows whose changes cancel out are left alone. */
    Map<Key, Sums> daily() {
        daily.values().removeIf(Sums::isZero);
        return daily;
    }

    Map<Key, Sums> monthly() {
        monthly.values().removeIf(Sums::isZero);
        return monthly;
    }

    Map<Key, Sums> yearly() {
        yearly.values().removeIf(Sums::isZero);
        return yearly;
    }
}
