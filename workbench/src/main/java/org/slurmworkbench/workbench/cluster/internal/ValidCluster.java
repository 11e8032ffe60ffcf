package org.slurmworkbench.workbench.cluster.internal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.slurmworkbench.workbench.cluster.internal.ClusterProperties.Cluster;
import org.slurmworkbench.workbench.cluster.internal.ClusterProperties.TokenMode;
import org.slurmworkbench.workbench.shared.SecretFiles;

/**
 * The rules of one cluster entry that span fields (token mode and its key or file, URL scheme, durations);
 * each broken rule is reported on the property it concerns, by its kebab-case name. Key and token files are
 * checked by {@link SecretFiles} (exist, readable, not world-readable).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidCluster.Validator.class)
@interface ValidCluster {

    String message() default "invalid cluster";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidCluster, Cluster> {

        @Override
        public boolean isValid(Cluster c, ConstraintValidatorContext context) {
            context.disableDefaultConstraintViolation();
            Problems problems = new Problems(context);
            if (c.name() == null || c.name().isBlank()) {
                problems.add("name", "is required");
            }
            if (c.serviceUser() == null || c.serviceUser().isBlank()) {
                problems.add("service-user", "is required (the Slurm user for discovery and shared reads, e.g. the cluster's admin account)");
            }
            if (c.url() == null) {
                problems.add("url", "is required (the slurmrestd base URL, e.g. http://127.0.0.1:6820)");
            } else {
                String scheme = c.url().getScheme() == null ? "" : c.url().getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || c.url().getHost() == null) {
                    problems.add("url", "must be an http:// or https:// URL with a host, e.g. http://127.0.0.1:6820");
                }
            }
            if (c.tokenMode() == TokenMode.MINT) {
                if (c.jwtKey() == null) {
                    problems.add("jwt-key", "is required when token-mode is mint (the cluster's JWT key file)");
                } else {
                    String problem = SecretFiles.problem(c.jwtKey());
                    if (problem != null) {
                        problems.add("jwt-key", problem);
                    }
                }
                if (c.tokenLifespan() != null && c.tokenLifespan().compareTo(Duration.ofSeconds(10)) < 0) {
                    problems.add("token-lifespan", "must be at least 10s");
                }
            } else if (c.tokenMode() == TokenMode.FILE) {
                String problem = c.tokenFile() == null || c.tokenFile().isBlank()
                        ? "is required when token-mode is file (a path, may contain {user})"
                        : c.tokenFile().contains("{user}") ? SecretFiles.templateProblem(c.tokenFile())
                        : SecretFiles.problem(Path.of(c.tokenFile()));
                if (problem != null) {
                    problems.add("token-file", problem);
                }
            }
            positive(problems, "connect-timeout", c.connectTimeout());
            positive(problems, "request-timeout", c.requestTimeout());
            positive(problems, "list-timeout", c.listTimeout());
            return problems.none();
        }

        private static void positive(Problems problems, String field, Duration d) {
            if (d != null && (d.isNegative() || d.isZero())) {
                problems.add(field, "must be a positive duration");
            }
        }

        private static final class Problems {
            private final ConstraintValidatorContext context;
            private boolean any;

            Problems(ConstraintValidatorContext context) {
                this.context = context;
            }

            void add(String field, String message) {
                any = true;
                // '{' starts a message parameter in Bean Validation; escape so "{user}" stays literal.
                String escaped = message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
                context.buildConstraintViolationWithTemplate(escaped).addPropertyNode(field).addConstraintViolation();
            }

            boolean none() {
                return !any;
            }
        }
    }
}
