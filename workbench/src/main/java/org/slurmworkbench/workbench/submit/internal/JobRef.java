package org.slurmworkbench.workbench.submit.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A job id as Slurm writes it: {@code 123} (a job, or a whole array) or {@code 123_4} (one array task). */
record JobRef(long jobId, Integer task) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})(?:_(\\d{1,7}))?");

    static JobRef parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) { // no job is 0: Slurm would refuse it as a failure, not bad input
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "'" + text + "' is not a job id (123) or an array task (123_4)");
            problem.setTitle("Invalid job id");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return new JobRef(Long.parseLong(m.group(1)), m.group(2) == null ? null : Integer.valueOf(m.group(2)));
    }

    @Override
    public String toString() {
        return task == null ? Long.toString(jobId) : jobId + "_" + task;
    }
}
