package org.slurmworkbench.workbench.workload.plan;

import java.util.Locale;
import org.springframework.core.MethodParameter;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;

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

    /**
     * The errors as Spring MVC's own 400 for an invalid request body (the plan preview's), which the API answers
     * naming every field: the same for every workload endpoint that checks its input itself.
     */
    public static MethodArgumentNotValidException badRequest(BindingResult errors) {
        try {
            return new MethodArgumentNotValidException(new MethodParameter(WorkloadPlanApi.class.getDeclaredMethod(
                    "preview", PlanRequest.class, Locale.class), 0), errors);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
