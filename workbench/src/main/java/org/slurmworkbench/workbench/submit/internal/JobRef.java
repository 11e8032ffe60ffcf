package org.slurmworkbench.workbench.submit.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slurmworkbench.workbench.shared.Problems;
import org.springframework.http.HttpStatus;

/**
 * A job id as Slurm writes it: {@code 123} (a job, a whole array or a whole heterogeneous job), {@code 123_4} (one
 * array task) or {@code 123+1} (one component of heterogeneous job 123).
 */
public record JobRef(long jobId, Integer task, Integer component) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})(?:_(\\d{1,7})|\\+(\\d{1,4}))?");

    public static JobRef parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) { // no job is 0: Slurm would refuse it as a failure, not bad input
            throw Problems.exception(HttpStatus.BAD_REQUEST, "Invalid job id",
                    "'" + text + "' is not a job id (123), an array task (123_4) or a heterogeneous job component (123+1)");
        }
        return new JobRef(Long.parseLong(m.group(1)), m.group(2) == null ? null : Integer.valueOf(m.group(2)),
                m.group(3) == null ? null : Integer.valueOf(m.group(3)));
    }

    /** Whether a record is one this id names: any record of the job for a bare id, else the one task or component. */
    boolean names(JobView j) {
        if (task != null) {
            // a task not started yet is still inside its array's pending record
            return j.arrayJobId() != null && j.arrayJobId() == jobId
                    && (task.equals(j.arrayTaskId()) || j.arrayTaskId() == null && j.state().equals("PENDING"));
        }
        if (component != null) {
            return component.equals(j.hetJobOffset()) && j.hetJobId() != null && j.hetJobId() == jobId;
        }
        return true;
    }

    @Override
    public String toString() {
        return task != null ? jobId + "_" + task : component != null ? jobId + "+" + component : Long.toString(jobId);
    }
}
