package org.slurmworkbench.workbench.workload.swf;

import java.util.List;
import java.util.Map;

/**
 * What an SWF import did, before anything is created: lines read, imported and skipped (counts per reason, the first
 * few examples of each), the trace's machine and the factor its jobs were scaled by, the offered load of the trace and
 * of the plan side by side, the jobs the import changed and how, and where the trace's users went.
 *
 * @param lines        every line of the file, header and blank ones included
 * @param headerLines  {@code ;} comment lines
 * @param imported     job lines that became plan jobs
 * @param skipped      job lines (or over-long lines) left out
 * @param maxProcs     the header's MaxProcs, null where absent
 * @param maxNodes     the header's MaxNodes, null where absent
 * @param machine      the trace's machine size the jobs are scaled from, and where that size came from
 * @param scaled       whether job sizes were scaled (the option); without, jobs wider than the partition are skipped
 * @param factor       what job processors were multiplied by (1 when not scaled)
 * @param partition    the partition the jobs go to, as sized for the import (its CPUs are what the plan's load is of)
 * @param load         the trace's and the plan's processor-seconds and offered load
 * @param changedJobs  imported jobs with at least one change
 * @param changedBy    imported jobs per kind of change (a job may have two)
 * @param changes      the first few jobs of each kind of change
 * @param users        how the trace's users became test users
 */
record SwfReport(long lines, long headerLines, long imported, long skipped, Map<Reason, Long> skippedBy,
                        List<Example> examples, String version, Long maxProcs, Long maxNodes, Machine machine,
                        boolean scaled, double factor, Target partition, Load load, long changedJobs, Map<Change, Long> changedBy,
                        List<ChangeExample> changes, Users users) {

    /** A change of offered load beyond this share is worth a warning: the replay would not ask what the trace asked. */
    public static final double LOAD_TOLERANCE = 0.05;

    public enum Reason {
        /** longer than {@link SwfReader#MAX_LINE} bytes: not kept, not parsed */
        LINE_TOO_LONG,
        /** control or non-ASCII bytes in a job line */
        MALFORMED,
        /** not 18 fields */
        FIELD_COUNT,
        /** a field that is not a number */
        NON_NUMERIC,
        /** submit time negative or -1 */
        SUBMIT_TIME_MISSING,
        /** run time negative or -1 */
        RUN_TIME_MISSING,
        /** neither requested nor allocated processors (both missing, 0 or negative) */
        PROCESSORS_MISSING,
        /** outside the chosen window (time or job number) */
        OUT_OF_WINDOW,
        /** more processors than the target partition has, not scaled */
        TOO_BIG,
        /** beyond the import's job limit */
        OVER_LIMIT
    }

    /** What the import changed in a job it kept. */
    public enum Change {
        /** its share of the target was under one CPU */
        RAISED_TO_ONE_CPU,
        /** scaled, it still asked more CPUs than the partition has (a trace whose jobs exceed its MaxProcs) */
        CLAMPED_TO_PARTITION,
        /** a run time of 0 s (or under 1 s once compressed): a job runs at least a second */
        RUN_TIME_RAISED_TO_ONE_SECOND,
        /** its time limit was beyond the partition's, so limit and run time were cut to it */
        CUT_TO_TIME_LIMIT
    }

    /** Where the trace's machine size came from. */
    public enum SizeSource {
        /** the header's MaxProcs */
        MAX_PROCS,
        /** the header's MaxNodes, one processor per node: no job asks for more processors than MaxNodes */
        MAX_NODES,
        /** the header's MaxNodes times the processors per node the largest job implies */
        MAX_NODES_TIMES_INFERRED,
        /** neither in the header: the largest job's processors */
        LARGEST_JOB
    }

    /**
     * @param processors       the trace's machine size in processors
     * @param nodes            its nodes where the header says (MaxNodes), else null
     * @param processorsPerNode processors per node where nodes are known, else null
     * @param largestJob       the most processors any job line of the trace asks for (window or not)
     */
    public record Machine(long processors, Long nodes, Long processorsPerNode, SizeSource source, long largestJob) {
    }

    /** The partition the plan is for: its name (null for the default), nodes and CPUs. */
    public record Target(String name, int nodes, int cpus) {
    }

    /**
     * Offered load is processor-seconds over the machine's processors times the span of the arrivals (first to last
     * submit), what the trace offers its own machine and the plan the partition; null without a span (one arrival).
     *
     * @param traceProcessorSeconds processors x run time of the trace's jobs in the window and the job limit (those
     *                              too big to import included), as the trace has them
     * @param expectedCpuSeconds    the imported jobs' processor-seconds times the factor, over the run-time
     *                              compression: what the plan should ask
     * @param planCpuSeconds        the plan's CPUs x run time
     * @param change                planLoad / traceLoad - 1, null where either is
     */
    public record Load(double traceProcessorSeconds, double expectedCpuSeconds, double planCpuSeconds,
                       Double traceLoad, Double planLoad, Double change) {

        /** Whether the plan's offered load is off the trace's by more than {@link #LOAD_TOLERANCE}. */
        public boolean warn() {
            return change != null && Math.abs(change) > LOAD_TOLERANCE;
        }
    }

    /**
     * One job the import changed: its line and job number, processors and run time in the trace, and CPUs and run time
     * in the plan.
     */
    public record ChangeExample(long line, long job, Change change, long processors, long runSeconds, double scaled,
                                int cpus, int planRunSeconds) {
    }

    /**
     * How trace users map onto the test users: user id {@code u >= 1} becomes {@code testUsers[(u - 1) mod n]};
     * jobs without a user ({@code -1} or 0) are spread by job number, {@code testUsers[(job - 1) mod n]}.
     *
     * @param traceUsers        distinct user ids among the imported jobs
     * @param jobsWithoutUser   imported jobs whose user is -1 or 0
     * @param jobsPerTestUser   imported jobs per test user, in the test users' order
     */
    public record Users(List<String> testUsers, long traceUsers, long jobsWithoutUser, Map<String, Long> jobsPerTestUser) {
    }

    /** @param text the start of the line, control characters shown as '?' */
    public record Example(long line, Reason reason, String text) {
    }
}
