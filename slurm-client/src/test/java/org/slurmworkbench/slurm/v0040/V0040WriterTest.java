package org.slurmworkbench.slurm.v0040;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.JobUpdate;
import org.slurmworkbench.slurm.QosChange;
import org.slurmworkbench.slurm.rest.RestTransport;
import tools.jackson.databind.JsonNode;

class V0040WriterTest {

    static Stream<ApiVersion> versions() {
        return Stream.of("v0.0.40", "v0.0.41", "v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45").map(ApiVersion::parse);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @ParameterizedTest
    @MethodSource("versions")
    void minimalSubmissionGetsScriptInsideJobAndTheRequiredDefaults(ApiVersion version) {
        JsonNode body = V0040Writer.submission(JobSubmission.builder("#!/bin/bash\ntrue\n").build(), version);

        assertThat(body.has("script")).as("top-level script is deprecated").isFalse();
        JsonNode job = body.path("job");
        assertThat(job.path("script").asString()).isEqualTo("#!/bin/bash\ntrue\n");
        assertThat(job.path("current_working_directory").asString()).isEqualTo("/tmp");
        assertThat(job.path("environment").isArray()).isTrue();
        assertThat(strings(job.path("environment"))).containsExactly("PATH=/bin:/usr/bin:/usr/local/bin");
        assertThat(job.has("hold")).isFalse();
        assertThat(job.has("tres_per_node")).isFalse();
        assertThat(job.has("array")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void fullSubmission(ApiVersion version) {
        JobSubmission s = JobSubmission.builder("#!/bin/bash\nsleep 1\n").name("train").partition("gpu").account("physics")
                .qos("gpu").nodes(2).tasks(4).cpusPerTask(2).memoryPerCpuMb(2048L).timeLimitMinutes(90).array("0-9%4")
                .gpusPerNode(2).workDir("/home/alice").standardOutput("/home/alice/%j.out").standardError("/home/alice/%j.err")
                .env("FOO", "bar").env("PATH", "/opt/bin:/usr/bin").comment("c").hold(true).dependency("afterok:12")
                .constraints("fast").build();

        JsonNode job = V0040Writer.submission(s, version).path("job");

        assertThat(job.path("name").asString()).isEqualTo("train");
        assertThat(job.path("partition").asString()).isEqualTo("gpu");
        assertThat(job.path("account").asString()).isEqualTo("physics");
        assertThat(job.path("qos").asString()).isEqualTo("gpu");
        assertThat(job.path("minimum_nodes").asInt()).isEqualTo(2);
        assertThat(job.path("maximum_nodes").asInt()).isEqualTo(2);
        assertThat(job.path("tasks").asInt()).isEqualTo(4);
        assertThat(job.path("cpus_per_task").asInt()).isEqualTo(2);
        assertThat(job.path("memory_per_cpu").path("set").asBoolean()).isTrue();
        assertThat(job.path("memory_per_cpu").path("number").asLong()).isEqualTo(2048);
        assertThat(job.path("time_limit").path("number").asInt()).isEqualTo(90);
        assertThat(job.path("time_limit").path("infinite").asBoolean()).isFalse();
        assertThat(job.path("array").asString()).isEqualTo("0-9%4");
        assertThat(job.path("tres_per_node").asString()).isEqualTo("gres/gpu:2");
        assertThat(job.has("gres")).as("v0.0.38 key").isFalse();
        assertThat(job.path("current_working_directory").asString()).isEqualTo("/home/alice");
        assertThat(job.path("standard_output").asString()).isEqualTo("/home/alice/%j.out");
        assertThat(job.path("standard_error").asString()).isEqualTo("/home/alice/%j.err");
        // The submission's PATH replaces the default; order is default keys first.
        assertThat(strings(job.path("environment"))).containsExactly("PATH=/opt/bin:/usr/bin", "FOO=bar");
        assertThat(job.path("comment").asString()).isEqualTo("c");
        assertThat(job.path("hold").asBoolean()).isTrue();
        assertThat(job.path("dependency").asString()).isEqualTo("afterok:12");
        assertThat(job.path("constraints").asString()).isEqualTo("fast");
    }

    @Test
    void aBeginTimeIsEpochSecondsInANoValStruct() {
        JsonNode begin = V0040Writer.submission(JobSubmission.builder("#!/bin/bash\n")
                .beginTime(java.time.Instant.parse("2026-12-01T08:00:00Z")).build(), ApiVersion.parse("v0.0.42")).path("job").path("begin_time");
        assertThat(begin.path("set").asBoolean()).isTrue();
        assertThat(begin.path("number").asLong()).isEqualTo(1_796_112_000L);
    }

    @Test
    void typedGpus() {
        JsonNode job = V0040Writer.submission(JobSubmission.builder("x").gpusPerNode(1).gpuType("a100").build(),
                ApiVersion.parse("v0.0.42")).path("job");
        assertThat(job.path("tres_per_node").asString()).isEqualTo("gres/gpu:a100:1");
    }

    @Test
    void jobUpdateIsTheBareJobDescription() {
        JsonNode body = V0040Writer.jobUpdate(new JobUpdate(30, "n", "", false, "cpu", "normal", 5L), ApiVersion.parse("v0.0.45"));
        assertThat(body.has("job")).isFalse();
        assertThat(body.path("time_limit").path("number").asInt()).isEqualTo(30);
        assertThat(body.path("name").asString()).isEqualTo("n");
        assertThat(body.path("comment").asString()).as("empty comment clears it").isEmpty();
        assertThat(body.path("hold").asBoolean(true)).isFalse();
        assertThat(body.path("partition").asString()).isEqualTo("cpu");
        assertThat(body.path("qos").asString()).isEqualTo("normal");
        assertThat(body.path("priority").path("number").asLong()).isEqualTo(5);

        JsonNode onlyLimit = V0040Writer.jobUpdate(JobUpdate.timeLimit(10), ApiVersion.parse("v0.0.40"));
        assertThat(onlyLimit.propertyNames()).containsExactly("time_limit");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void qosChangeWritesOnlyTheNamedLimits(ApiVersion version) {
        QosChange change = QosChange.named("gpu").withMaxTresPerUser("gres/gpu", 3).withGrpTres("gres/gpu", 6)
                .withMaxJobsPerUser(50);

        JsonNode body = V0040Writer.qos(change, version);

        assertThat(body.path("qos").size()).isEqualTo(1);
        JsonNode q = body.path("qos").get(0);
        assertThat(q.path("name").asString()).isEqualTo("gpu");
        assertThat(q.has("description")).isFalse();
        assertThat(q.has("priority")).isFalse();
        JsonNode max = q.path("limits").path("max");
        JsonNode perUser = max.path("tres").path("per").path("user");
        assertThat(perUser.size()).isEqualTo(1);
        assertThat(perUser.get(0).path("type").asString()).isEqualTo("gres");
        assertThat(perUser.get(0).path("name").asString()).isEqualTo("gpu");
        assertThat(perUser.get(0).path("count").asLong()).isEqualTo(3);
        assertThat(max.path("tres").path("total").get(0).path("count").asLong()).isEqualTo(6);
        assertThat(max.path("jobs").path("active_jobs").path("per").path("user").path("number").asInt()).isEqualTo(50);
        assertThat(max.path("jobs").has("per")).as("MaxSubmitJobsPerUser untouched").isFalse();
        assertThat(max.has("wall_clock")).isFalse();
    }

    @Test
    void removingLimits() {
        QosChange change = new QosChange("gpu", null, null, java.util.Map.of("gres/gpu", QosChange.REMOVE), null,
                java.util.Map.of("cpu", 64L), -1, null, -1);

        JsonNode max = V0040Writer.qos(change, ApiVersion.parse("v0.0.41")).path("qos").get(0).path("limits").path("max");

        JsonNode gpu = max.path("tres").path("per").path("user").get(0);
        assertThat(gpu.path("count").asLong()).as("TRES count -1 removes the limit").isEqualTo(-1);
        JsonNode cpu = max.path("tres").path("total").get(0);
        assertThat(cpu.path("type").asString()).isEqualTo("cpu");
        assertThat(cpu.has("name")).isFalse();
        JsonNode maxJobs = max.path("jobs").path("active_jobs").path("per").path("user");
        assertThat(maxJobs.path("set").asBoolean()).isTrue();
        assertThat(maxJobs.path("infinite").asBoolean()).as("-1 is written as infinite: no limit").isTrue();
        assertThat(max.path("wall_clock").path("per").path("job").path("infinite").asBoolean()).isTrue();
    }

    @Test
    void bodiesAreJson() {
        String text = RestTransport.JSON.writeValueAsString(
                V0040Writer.submission(JobSubmission.builder("echo \"hi\"\n").build(), ApiVersion.parse("v0.0.42")));
        assertThat(text).startsWith("{\"job\":{\"script\":\"echo \\\"hi\\\"\\n\"");
    }

    /** As {@code v0.0.45_reservation_desc_msg} of the 26.05 spec: times and duration {set, number}, lists as arrays. */
    @Test
    void aReservationWithADurationOrAnEnd() {
        java.time.Instant start = java.time.Instant.parse("2026-12-07T02:30:00Z");
        JsonNode body = V0040Writer.reservation(new org.slurmworkbench.slurm.NewReservation("maint-1", start, null, 90,
                "c[1-2]", List.of("root", "alice"), List.of(), List.of("MAINT", "IGNORE_JOBS")), ApiVersion.parse("v0.0.45"));

        assertThat(body.path("name").asString()).isEqualTo("maint-1");
        assertThat(body.path("start_time").path("set").asBoolean()).isTrue();
        assertThat(body.path("start_time").path("number").asLong()).isEqualTo(start.getEpochSecond());
        assertThat(body.path("duration").path("number").asInt()).isEqualTo(90);
        assertThat(body.has("end_time")).isFalse();
        assertThat(strings(body.path("node_list"))).containsExactly("c[1-2]");
        assertThat(strings(body.path("users"))).containsExactly("root", "alice");
        assertThat(body.has("accounts")).as("no empty list").isFalse();
        assertThat(strings(body.path("flags"))).containsExactly("MAINT", "IGNORE_JOBS");

        JsonNode withEnd = V0040Writer.reservation(new org.slurmworkbench.slurm.NewReservation("m", start,
                start.plusSeconds(3600), null, "ALL", List.of(), List.of("physics"), List.of()), ApiVersion.parse("v0.0.45"));
        assertThat(withEnd.path("end_time").path("number").asLong()).isEqualTo(start.getEpochSecond() + 3600);
        assertThat(withEnd.has("duration")).isFalse();
        assertThat(strings(withEnd.path("accounts"))).containsExactly("physics");
        assertThat(withEnd.has("flags")).isFalse();
    }
}
