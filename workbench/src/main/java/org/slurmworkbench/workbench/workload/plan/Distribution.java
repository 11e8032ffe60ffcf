package org.slurmworkbench.workbench.workload.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A distribution of a job attribute, as researchers write it: {@code {"type":"FIXED","value":4}},
 * {@code {"type":"UNIFORM","min":1,"max":8}}, {@code {"type":"EXPONENTIAL","mean":300}},
 * {@code {"type":"LOGNORMAL","median":120,"sigma":1}} or {@code {"type":"CHOICE","choices":[{"value":1,"weight":4},
 * {"value":2,"weight":1}]}}. {@code min}/{@code max} bound every kind (samples outside are clamped into them); for
 * UNIFORM they are the range itself. Samples are rounded to whole numbers by the generator.
 */
@SelfChecked
record Distribution(
        @NotNull Type type,
        Double value,
        Double min,
        Double max,
        Double mean,
        Double median,
        Double sigma,
        @Size(max = 1000) List<@Valid @NotNull Choice> choices) implements SelfChecked.Checks {

    public enum Type { FIXED, UNIFORM, EXPONENTIAL, LOGNORMAL, CHOICE }

    /** One value of a CHOICE and its relative weight. */
    public record Choice(@NotNull Double value, @NotNull @jakarta.validation.constraints.Positive Double weight) {
    }

    public static Distribution fixed(double value) {
        return new Distribution(Type.FIXED, value, null, null, null, null, null, null);
    }

    public static Distribution uniform(double min, double max) {
        return new Distribution(Type.UNIFORM, null, min, max, null, null, null, null);
    }

    public static Distribution exponential(double mean, Double min, Double max) {
        return new Distribution(Type.EXPONENTIAL, null, min, max, mean, null, null, null);
    }

    public static Distribution lognormal(double median, double sigma, Double min, Double max) {
        return new Distribution(Type.LOGNORMAL, null, min, max, null, median, sigma, null);
    }

    /** Values with weights, alternating: {@code choice(1, 6, 2, 1)} is 1 six times as often as 2. */
    public static Distribution choice(double... valueWeight) {
        List<Choice> choices = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < valueWeight.length; i += 2) {
            choices.add(new Choice(valueWeight[i], valueWeight[i + 1]));
        }
        return new Distribution(Type.CHOICE, null, null, null, null, null, null, choices);
    }

    /** Whether the fields its type needs are there (so {@link #lowest()} and sampling can use them). */
    public boolean complete() {
        if (type == null) {
            return false;
        }
        boolean[] ok = {true};
        check((field, message) -> ok[0] = false);
        return ok[0] && (type != Type.CHOICE || choices.stream().allMatch(c -> c != null && c.value() != null
                && Double.isFinite(c.value()) && c.weight() != null && c.weight() > 0 && Double.isFinite(c.weight())));
    }

    /** The lowest value this distribution can give (for capacity checks), before rounding. */
    public double lowest() {
        double lo = switch (type) {
            case FIXED -> value;
            case CHOICE -> choices.stream().mapToDouble(Choice::value).min().orElse(0);
            default -> 0;
        };
        return min == null ? lo : Math.max(lo, min);
    }

    /** The highest value this distribution can give, or infinity for an unbounded exponential or log-normal. */
    public double highest() {
        double hi = switch (type) {
            case FIXED -> value;
            case CHOICE -> choices.stream().mapToDouble(Choice::value).max().orElse(0);
            default -> Double.POSITIVE_INFINITY;
        };
        return max == null ? hi : Math.min(hi, max);
    }

    @Override
    public void check(SelfChecked.Problems problems) {
        if (type == null) {
            return;
        }
        switch (type) {
            case FIXED -> required(problems, "value", value);
            case UNIFORM -> {
                required(problems, "min", min);
                required(problems, "max", max);
            }
            case EXPONENTIAL -> positive(problems, "mean", mean);
            case LOGNORMAL -> {
                positive(problems, "median", median);
                if (sigma == null || !(sigma >= 0) || sigma > 10) {
                    problems.add("sigma", "{workload.error.sigma}");
                }
            }
            case CHOICE -> {
                if (choices == null || choices.isEmpty()) {
                    problems.add("choices", "{workload.error.required}");
                }
            }
        }
        finite(problems, "value", value);
        finite(problems, "min", min);
        finite(problems, "max", max);
        if (min != null && max != null && min > max) {
            problems.add("max", "{workload.error.maxBelowMin}");
        }
    }

    private static void required(SelfChecked.Problems problems, String field, Double v) {
        if (v == null) {
            problems.add(field, "{workload.error.required}");
        }
    }

    private static void positive(SelfChecked.Problems problems, String field, Double v) {
        if (v == null || !(v > 0) || v.isInfinite()) {
            problems.add(field, "{workload.error.positive}");
        }
    }

    private static void finite(SelfChecked.Problems problems, String field, Double v) {
        if (v != null && (v.isNaN() || v.isInfinite())) {
            problems.add(field, "{workload.error.finite}");
        }
    }
}
