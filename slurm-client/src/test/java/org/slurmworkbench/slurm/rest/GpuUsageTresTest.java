package org.slurmworkbench.slurm.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.JobStep;
import org.slurmworkbench.slurm.v0038.V0038Reader;
import org.slurmworkbench.slurm.v0040.V0040Reader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GPU usage as slurmdbd records it where a site gathers it: the lab's GPUs are fake, so its recordings carry no
 * {@code gres/gpuutil} or {@code gres/gpumem}. A recorded step answer of each API family is given the two TRES entries
 * as slurmdbd writes them (in {@code tres.requested.average}: sacct's TRESUsageInAve, {@code .max}: TRESUsageInMax,
 * beside the step's own {@code mem}) and read; every step without them reads as not recorded (null, not 0).
 */
class GpuUsageTresTest {

    @ParameterizedTest
    @ValueSource(strings = {"22.05/v0.0.38", "24.11/v0.0.40", "26.05/v0.0.42", "26.05/v0.0.45"})
    void gpuUtilizationAndMemoryAreReadWhereSlurmdbdRecordsThem(String recording) throws IOException {
        JsonNode body = RestTransport.JSON.readTree(Files.readString(
                Path.of("src/test/resources/recorded", recording, "accounting-jobs.json")));
        assertThat(steps(body, recording)).as("the lab records no GPU usage").allSatisfy(s -> {
            assertThat(s.gpuUtilPercent()).isNull();
            assertThat(s.gpuMemBytes()).isNull();
        });

        ObjectNode tres = (ObjectNode) body.path("jobs").get(0).path("steps").get(0).path("tres");
        ObjectNode requested = (ObjectNode) tres.path("requested");
        gres((ArrayNode) requested.path("average"), 1001, "gpuutil", 87);
        gres((ArrayNode) requested.path("max"), 1002, "gpumem", 3_221_225_472L);
        JobStep step = steps(body, recording).getFirst();
        assertThat(step.gpuUtilPercent()).isEqualTo(87L);
        assertThat(step.gpuMemBytes()).isEqualTo(3_221_225_472L);
    }

    private static void gres(ArrayNode list, int id, String name, long count) {
        list.addObject().put("type", "gres").put("name", name).put("id", id).put("count", count);
    }

    private static List<JobStep> steps(JsonNode body, String recording) {
        List<AccountingJob> jobs = recording.endsWith("v0.0.38") ? V0038Reader.accountingJobs(body)
                : V0040Reader.accountingJobs(body, ApiVersion.parse(recording.substring(recording.indexOf('/') + 1)));
        assertThat(jobs).isNotEmpty();
        assertThat(jobs.getFirst().steps()).isNotEmpty();
        return jobs.stream().flatMap(j -> j.steps().stream()).toList();
    }
}
