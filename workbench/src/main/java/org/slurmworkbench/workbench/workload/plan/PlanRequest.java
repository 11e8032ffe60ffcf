package org.slurmworkbench.workbench.workload.plan;

import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;

/** A cluster and the parameters to generate a plan for it from: the body of the plan preview and the SWF download. */
public record PlanRequest(String cluster, WorkloadParameters parameters) {

    /** The cluster, once both fields are there; a 400 naming each one missing otherwise. */
    public String checkedCluster() throws MethodArgumentNotValidException {
        BindingResult errors = new MapBindingResult(new java.util.HashMap<>(), "request");
        if (cluster == null || cluster.isBlank()) {
            errors.addError(new FieldError("request", "cluster", null, false, new String[]{"workload.error.required"},
                    null, "is required"));
        }
        if (parameters == null) {
            errors.addError(new FieldError("request", "parameters", null, false, new String[]{"workload.error.required"},
                    null, "is required"));
        }
        if (errors.hasErrors()) {
            throw InvalidWorkloadException.badRequest(errors);
        }
        return cluster;
    }
}
