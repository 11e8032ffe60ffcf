package org.slurmworkbench.workbench.workload.swf;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters;

/**
 * How an SWF trace becomes a plan. Every field may be left out (null).
 *
 * @param compression      time compression: arrivals (and run times, see {@code compressRunTimes}) are divided by
 *                         this; default 1
 * @param compressRunTimes whether run times are compressed too (keeps the load of the original); default true
 * @param fromSecond       window by the trace's submit times, inclusive, in seconds (field 2)
 * @param toSecond         end of that window, exclusive
 * @param fromJob          window by job number (field 1), inclusive
 * @param toJob            end of that window, inclusive
 * @param scale            scale job processors by the target partition's CPUs over the trace's machine size
 *                         (MaxProcs, else MaxNodes times the processors per node, else the largest job), up or
 *                         down, so the plan offers the partition the load the trace offered its machine; default
 *                         true. Without it, jobs larger than the partition are skipped.
 * @param maxJobs          import at most this many jobs; default and ceiling {@link WorkloadParameters#MAX_JOBS}
 * @param timeLimitFactor  for jobs without a requested time: run time times this; default 1.5
 * @param partition        the partition the jobs go to; null for the default one
 */
record SwfOptions(
        @DecimalMin("0.001") @DecimalMax("1000000") Double compression,
        Boolean compressRunTimes,
        @Min(0) Long fromSecond,
        @Min(0) Long toSecond,
        @Min(0) Long fromJob,
        @Min(0) Long toJob,
        Boolean scale,
        @Min(1) @Max(WorkloadParameters.MAX_JOBS) Integer maxJobs,
        @DecimalMin("1.0") @DecimalMax("100.0") Double timeLimitFactor,
        @Pattern(regexp = WorkloadParameters.SLURM_NAME) String partition) {

    public static final SwfOptions DEFAULTS = new SwfOptions(null, null, null, null, null, null, null, null, null, null);

    double compressionOrDefault() {
        return compression == null ? 1 : compression;
    }

    boolean compressRunTimesOrDefault() {
        return compressRunTimes == null || compressRunTimes;
    }

    boolean scaleOrDefault() {
        return scale == null || scale;
    }

    int maxJobsOrDefault() {
        return maxJobs == null ? WorkloadParameters.MAX_JOBS : maxJobs;
    }

    double timeLimitFactorOrDefault() {
        return timeLimitFactor == null ? 1.5 : timeLimitFactor;
    }
}
