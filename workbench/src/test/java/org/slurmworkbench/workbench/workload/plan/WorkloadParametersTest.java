package org.slurmworkbench.workbench.workload.plan;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.Arrival;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.Gpu;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.UserShare;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters.Weighted;

class WorkloadParametersTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static Set<String> badFields(Object o) {
        return VALIDATOR.validate(o).stream().map(ConstraintViolation::getPropertyPath).map(Object::toString)
                .collect(Collectors.toSet());
    }

    @Test
    void validParametersHaveNoViolations() {
        assertThat(badFields(Plans.simple(100, 1))).isEmpty();
    }

    @Test
    void everyBadFieldIsNamed() {
        WorkloadParameters p = new WorkloadParameters(
                List.of(new UserShare("al ice", null, -1.0)), 0L, 0,
                new Distribution(Distribution.Type.LOGNORMAL, null, null, null, null, null, null, null),
                new Distribution(Distribution.Type.UNIFORM, null, 5.0, 2.0, null, null, null, null),
                new Distribution(Distribution.Type.EXPONENTIAL, null, null, null, -3.0, null, null, null),
                new Arrival(Arrival.Process.BURSTS, null, null, -1L),
                new Gpu(1.5, Distribution.fixed(0)),
                List.of(new Weighted("cpu", 0.0)), List.of(new Weighted("", 1.0)), null, 0.5, null, null);
        assertThat(badFields(p)).containsExactlyInAnyOrder(
                "users[0].user", "users[0].share", "windowSeconds", "jobs",
                "cpusPerJob.median", "cpusPerJob.sigma", "nodesPerJob.max", "runSeconds.mean",
                "arrival.bursts", "arrival.spreadSeconds", "gpu.fraction", "gpu.perNode",
                "partitions[0].weight", "qos[0].name", "timeLimitFactor");
    }

    @Test
    void crossFieldRulesNameTheFieldThatBreaksThem() {
        Distribution one = Distribution.fixed(1);
        // 1000 jobs at 0.1/s need 10,000 s: more than the hour
        assertThat(badFields(Plans.params(1000, one, one, new Arrival(Arrival.Process.POISSON, 0.1, null, null), 1)))
                .containsExactly("arrival.ratePerSecond");
        assertThat(badFields(Plans.params(10, Distribution.fixed(0), one, Arrival.allAtOnce(), 1)))
                .containsExactly("cpusPerJob");
        assertThat(badFields(Plans.params(10, Distribution.choice(), one, Arrival.allAtOnce(), 1)))
                .containsExactly("cpusPerJob.choices");
        assertThat(badFields(Plans.params(10, new Distribution(null, 1.0, null, null, null, null, null, null), one,
                Arrival.allAtOnce(), 1))).containsExactly("cpusPerJob.type");
    }
}
