package org.slurmworkbench.slurm.rest;

import java.util.List;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SlurmException;
import tools.jackson.databind.JsonNode;

/**
 * A slurmrestd answer that was not an HTTP failure. It may still carry {@code errors[]} (slurmrestd reports
 * many failures with HTTP 200); adapters call {@link #requireNoErrors()} unless they know an error is benign.
 * {@code body} is null for 304 Not Modified.
 */
public record RestResponse(int status, JsonNode body, List<SlurmError> errors, List<SlurmError> warnings) {

    public boolean notModified() {
        return status == 304;
    }

    public RestResponse requireNoErrors() {
        SlurmException failure = ErrorClassifier.classify(status, errors, "");
        if (failure != null) {
            throw failure;
        }
        return this;
    }
}
