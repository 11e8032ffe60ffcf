package org.slurmworkbench.workbench.shared;

import java.util.function.IntToDoubleFunction;

/**
 * The one percentile of the app: linear between the two nearest ranks, as SQL's {@code PERCENTILE_CONT}, numpy's
 * default and R's type 7 compute it (p95 of 1..10 is 9.55). Accounting's p95 wait and a workload run's p50/p95 use it,
 * so the same waits give the same number on both pages.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The {@code p} (0..1) percentile of {@code n} sorted values, {@code valueAt(i)} being the i-th smallest.
     *
     * @throws IllegalArgumentException when there is no value or p is outside 0..1
     */
    public static double linear(IntToDoubleFunction valueAt, int n, double p) {
        if (n < 1 || p < 0 || p > 1) {
            throw new IllegalArgumentException("percentile " + p + " of " + n + " values");
        }
        double rank = p * (n - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        double low = valueAt.applyAsDouble(lo);
        return low + (rank - lo) * (valueAt.applyAsDouble(hi) - low);
    }
}
