package org.slurmworkbench.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiVersionTest {

    @Test
    void ordersByNumberNotText() {
        List<ApiVersion> sorted = List.of("v0.0.45", "v0.0.9", "v0.0.38", "v0.0.100").stream()
                .map(ApiVersion::parse).sorted().toList();
        assertThat(sorted).extracting(ApiVersion::toString).containsExactly("v0.0.9", "v0.0.38", "v0.0.45", "v0.0.100");
        assertThat(ApiVersion.parse("0.0.43").atLeast("v0.0.43")).isTrue();
        assertThat(ApiVersion.parse("v0.0.42").atLeast("v0.0.43")).isFalse();
    }

    @Test
    void refusesWhatIsNotAVersion() {
        assertThatThrownBy(() -> ApiVersion.parse("dbv0.0.38")).hasMessageContaining("dbv0.0.38");
    }
}
