package org.slurmworkbench.slurm.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/slurm/v0.0.42/job/123, /slurm/v0.0.42/job/{id}",
            "/slurm/v0.0.42/job/123_4, /slurm/v0.0.42/job/{id}",
            "/slurm/v0.0.38/job/submit, /slurm/v0.0.38/job/submit",
            "/slurm/v0.0.42/jobs?update_time=5, /slurm/v0.0.42/jobs",
            "/slurmdb/v0.0.45/qos/gpu, /slurmdb/v0.0.45/qos/{id}",
            "/slurmdb/v0.0.45/qos, /slurmdb/v0.0.45/qos",
            "/slurm/v0.0.40/node/g1, /slurm/v0.0.40/node/{id}",
            "/slurmdb/v0.0.40/user/alice, /slurmdb/v0.0.40/user/{id}",
            "/openapi/v3, /openapi/v3",
            "'', /",
    })
    void replacesIdsAndNamesByAPlaceholder(String path, String endpoint) {
        assertThat(Endpoints.template(path)).isEqualTo(endpoint);
    }
}
