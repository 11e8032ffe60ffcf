package org.slurmworkbench.workbench.workload.internal;

import org.springframework.validation.BindingResult;

/** Parameters or import options that break a rule, each bad field named in {@link #errors()}. */
public class InvalidWorkloadException extends RuntimeException {

    private final transient BindingResult errors;

    public InvalidWorkloadException(BindingResult errors) {
        super(errors.getErrorCount() + " invalid field(s): " + String.join(", ",
                errors.getFieldErrors().stream().map(org.springframework.validation.FieldError::getField).distinct().toList()));
        this.errors = errors;
    }

    public BindingResult errors() {
        return errors;
    }
}
