package org.slurmworkbench.workbench.workload.plan;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bean Validation for rules that tie fields together (a log-normal needs a median, min may not exceed max): the
 * record checks itself and names each bad field, so the API's 400 says {@code runTime.median}, not the record.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SelfChecked.Validator.class)
@interface SelfChecked {

    String message() default "{workload.error.invalid}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** What a record annotated with {@link SelfChecked} implements. */
    interface Checks {
        void check(Problems problems);
    }

    /** Collects field problems; the message is a template such as {@code {workload.error.required}}. */
    interface Problems {
        void add(String field, String message);
    }

    final class Validator implements ConstraintValidator<SelfChecked, Checks> {

        @Override
        public boolean isValid(Checks value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            boolean[] valid = {true};
            context.disableDefaultConstraintViolation();
            value.check((field, message) -> {
                valid[0] = false;
                context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
            });
            return valid[0];
        }
    }
}
