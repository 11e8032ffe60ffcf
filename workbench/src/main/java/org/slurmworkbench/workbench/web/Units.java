package org.slurmworkbench.workbench.web;

import java.util.Locale;

/**
 * Quantities as every page (and message) writes them: memory in Slurm's units (MiB, GiB with one decimal from 1 GiB),
 * durations as Slurm prints them, percentages.
 */
public final class Units {

    private Units() {
    }

    /** "512 MiB", "62.5 GiB"; empty for null. As sbatch's M and G mean. */
    public static String mib(Long mb) {
        if (mb == null) {
            return "";
        }
        return mb < 1024 ? mb + " MiB" : String.format(Locale.ROOT, "%.1f GiB", mb / 1024.0);
    }

    /**
     * A number as people write it: a whole one without a fraction ("233", never "233.0"), others as Java writes them
     * ("0.45"); empty for null. Counts the app keeps as doubles (metrics, parameters) go through here on pages and CSV.
     */
    public static String number(Number n) {
        if (n == null) {
            return "";
        }
        double v = n.doubleValue();
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return n.toString();
    }

    /** Seconds as Slurm prints a duration: {@code [D-]HH:MM:SS}; empty for null. */
    public static String duration(Long seconds) {
        if (seconds == null) {
            return "";
        }
        long s = seconds;
        String hms = "%02d:%02d:%02d".formatted(s / 3600 % 24, s / 60 % 60, s % 60);
        return s >= 86400 ? (s / 86400) + "-" + hms : hms;
    }

    /** {@code part} of {@code whole} as a whole percentage, "0 %" when there is no whole. */
    public static String percent(long part, long whole) {
        return (whole <= 0 ? 0 : Math.round(100.0 * part / whole)) + " %";
    }
}
