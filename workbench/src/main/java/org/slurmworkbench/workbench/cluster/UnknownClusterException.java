package org.slurmworkbench.workbench.cluster;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No cluster of this name is configured. Answers 404 in the API's problem-detail format. */
public class UnknownClusterException extends ErrorResponseException {

    private final String cluster;

    public UnknownClusterException(String cluster) {
        super(HttpStatus.NOT_FOUND, problem(cluster), null);
        this.cluster = cluster;
    }

    public String cluster() {
        return cluster;
    }

    private static ProblemDetail problem(String cluster) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No cluster named '" + cluster + "' is configured");
        problem.setTitle("Unknown cluster");
        return problem;
    }
}
