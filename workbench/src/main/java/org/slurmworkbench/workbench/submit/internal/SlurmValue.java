package org.slurmworkbench.workbench.submit.internal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A string in one of Slurm's own formats (see {@link SlurmSyntax}); null or blank means "not given" and passes. */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SlurmValue.Validator.class)
@interface SlurmValue {

    Kind value();

    String message() default "{submit.error.format}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    enum Kind { TIME, MEMORY, ARRAY, DEPENDENCY, BEGIN }

    class Validator implements ConstraintValidator<SlurmValue, String> {
        private Kind kind;

        @Override
        public void initialize(SlurmValue annotation) {
            kind = annotation.value();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            boolean valid = switch (kind) {
                case TIME -> SlurmSyntax.timeMinutes(value).isPresent();
                case MEMORY -> SlurmSyntax.memoryMb(value).isPresent();
                case ARRAY -> SlurmSyntax.arrayProblem(value) == null;
                case DEPENDENCY -> SlurmSyntax.validDependency(value);
                // the zone is the server's: the app runs beside the cluster, whose local time sbatch would use
                case BEGIN -> SlurmSyntax.beginTime(value, java.time.Instant.now(), java.time.ZoneId.systemDefault()).isPresent();
            };
            if (!valid) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("{submit.error." + kind.name().toLowerCase() + "}")
                        .addConstraintViolation();
            }
            return valid;
        }
    }
}
