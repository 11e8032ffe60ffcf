package org.slurmworkbench.workbench.security.internal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import org.slurmworkbench.workbench.security.Role;

/**
 * A user to add, from the admin page's form or {@code POST /api/v1/users}. Messages are keys of the
 * application's message bundles, so they come in the request's language.
 */
record NewUser(
        @NotBlank(message = "{user.username.required}")
        @Pattern(regexp = USERNAME, message = "{user.username.pattern}")
        String username,
        @NotBlank(message = "{user.password.required}")
        @Size(min = 8, message = "{user.password.size}")
        @MaxUtf8Bytes(72)
        String password,
        @NotNull(message = "{user.role.required}")
        Role role,
        @NotBlank(message = "{user.slurmUser.required}")
        @Pattern(regexp = SLURM_USER, message = "{user.slurmUser.pattern}")
        String slurmUser) {

    /** Lower-case letters, digits, '_', '.', '@', '-'; 2 to 64 characters (empty is left to {@code @NotBlank}). */
    static final String USERNAME = "|[a-z0-9_][a-z0-9_.@-]{1,63}";
    /** A Unix/Slurm user name (empty is left to {@code @NotBlank}). */
    static final String SLURM_USER = "|[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}";

    static NewUser empty() {
        return new NewUser("", "", Role.USER, "");
    }

    /** bcrypt only reads the first 72 bytes of a password; longer ones are refused rather than cut. */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = MaxUtf8Bytes.Validator.class)
    @interface MaxUtf8Bytes {

        int value();

        String message() default "{user.password.bytes}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<MaxUtf8Bytes, String> {
            private int max;

            @Override
            public void initialize(MaxUtf8Bytes annotation) {
                max = annotation.value();
            }

            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || value.getBytes(StandardCharsets.UTF_8).length <= max;
            }
        }
    }
}
