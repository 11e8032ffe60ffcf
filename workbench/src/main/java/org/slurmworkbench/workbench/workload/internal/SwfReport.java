package org.slurmworkbench.workbench.workload.internal;

import java.util.List;
import java.util.Map;

/**
 * What an SWF import did: lines read, imported and skipped, with counts per reason and the first few examples of
 * each (line number and the line's start).
 *
 * @param lines        every line of the file, header and blank ones included
 * @param headerLines  {@code ;} comment lines
 * @param imported     job lines that became plan jobs
 * @param skipped      job lines (or over-long lines) left out
 * @param maxProcs     the header's MaxProcs, null where absent
 * @param maxNodes     the header's MaxNodes, null where absent
 * @param scale        the factor job sizes were multiplied by (1 for none)
 * @param adjustedJobs imported jobs whose size the scale changed or whose time was cut to the partition's limit
 */
public record SwfReport(long lines, long headerLines, long imported, long skipped, Map<Reason, Long> skippedBy,
                        List<Example> examples, String version, Long maxProcs, Long maxNodes, double scale,
                        long adjustedJobs) {

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
        /** more processors than the target partition has, even after scaling */
        TOO_BIG,
        /** beyond the import's job limit */
        OVER_LIMIT
    }

    /** @param text the start of the line, control characters shown as '?' */
    public record Example(long line, Reason reason, String text) {
    }
}
