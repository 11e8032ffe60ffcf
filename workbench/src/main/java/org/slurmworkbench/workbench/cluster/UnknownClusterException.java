package org.slurmworkbench.workbench.cluster;

import org.slurmworkbench.workbench.shared.Problems;
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
        return Problems.of(HttpStatus.NOT_FOUND, "Unknown cluster", "No cluster named '" + cluster + "' is configured");
    }
}
