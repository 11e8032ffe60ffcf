package org.slurmworkbench.slurm.v0038;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.JobUpdate;
import org.slurmworkbench.slurm.QosChange;
import tools.jackson.databind.JsonNode;

class V0038WriterTest {

    @Test
    void minimalSubmissionGetsEnvironmentAndWorkingDirectory() {
        JsonNode body = V0038Writer.submission(JobSubmission.builder("#!/bin/bash\ntrue\n").build());
        assertThat(body.path("script").asString()).isEqualTo("#!/bin/bash\ntrue\n");
        JsonNode job = body.path("job");
        assertThat(job.isObject()).isTrue();
        assertThat(job.path("current_working_directory").asString()).isEqualTo("/tmp");
        assertThat(job.path("environment").path("PATH").asString()).isEqualTo("/bin:/usr/bin:/usr/local/bin");
        // Nothing else: unset fields are left to Slurm, and hold is only written when asked for.
        assertThat(job.propertyNames()).containsExactlyInAnyOrder("current_working_directory", "environment");
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("script", "job");
    }

    @Test
    void aBeginTimeIsSentAsNowPlusSecondsFor2205sParseTime() {
        java.time.Instant in2h = java.time.Instant.now().plusSeconds(7200);
        String begin = V0038Writer.submission(JobSubmission.builder("#!/bin/bash\n").beginTime(in2h).build())
                .path("job").path("begin_time").asString();
        assertThat(begin).matches("now\\+\\d+");
        assertThat(Long.parseLong(begin.substring(4))).isBetween(7190L, 7200L);
        assertThat(V0038Writer.submission(JobSubmission.builder("#!/bin/bash\n")
                .beginTime(java.time.Instant.now().minusSeconds(60)).build()).path("job").path("begin_time").asString())
                .as("a time already past means now").isEqualTo("now");
    }

    @Test
    void fullSubmissionUsesThe2205Keys() {
        JsonNode job = V0038Writer.submission(JobSubmission.builder("#!/bin/bash\nsleep 1\n")
                .name("train").partition("gpu").account("physics").qos("gpu").nodes(1).tasks(2).cpusPerTask(4)
                .memoryPerCpuMb(500L).timeLimitMinutes(30).array("0-9%4").gpusPerNode(1).workDir("/home/alice")
                .standardOutput("/tmp/o-%j").standardError("/tmp/e-%j").env("PATH", "/opt/bin:/usr/bin").env("WB", "x")
                .comment("from the workbench").hold(true).dependency("afterok:12").constraints("fast").build()).path("job");
        assertThat(job.path("name").asString()).isEqualTo("train");
        assertThat(job.path("partition").asString()).isEqualTo("gpu");
        assertThat(job.path("account").asString()).isEqualTo("physics");
        assertThat(job.path("qos").asString()).isEqualTo("gpu");
        assertThat(job.path("nodes").asInt()).isEqualTo(1);
        assertThat(job.path("tasks").asInt()).isEqualTo(2);
        assertThat(job.path("cpus_per_task").asInt()).isEqualTo(4);
        assertThat(job.path("memory_per_cpu").asLong()).isEqualTo(500);
        assertThat(job.path("time_limit").asInt()).isEqualTo(30);
        assertThat(job.path("array").asString()).isEqualTo("0-9%4");
        assertThat(job.path("gres").asString()).isEqualTo("gpu:1");
        assertThat(job.has("tres_per_node")).as("unknown key on 22.05").isFalse();
        assertThat(job.has("gpus_per_node")).isFalse();
        assertThat(job.path("current_working_directory").asString()).isEqualTo("/home/alice");
        assertThat(job.path("standard_output").asString()).isEqualTo("/tmp/o-%j");
        assertThat(job.path("standard_error").asString()).isEqualTo("/tmp/e-%j");
        assertThat(job.path("environment").path("PATH").asString()).isEqualTo("/opt/bin:/usr/bin");
        assertThat(job.path("environment").path("WB").asString()).isEqualTo("x");
        assertThat(job.path("comment").asString()).isEqualTo("from the workbench");
        assertThat(job.path("hold").asBoolean()).isTrue();
        assertThat(job.path("dependency").asString()).isEqualTo("afterok:12");
        assertThat(job.path("constraints").asString()).isEqualTo("fast");
        assertThat(job.has("script")).as("the script sits beside the job on v0.0.38").isFalse();
    }

    @Test
    void typedGpusGoInTheGresString() {
        assertThat(V0038Writer.gres(2, "a100")).isEqualTo("gpu:a100:2");
        assertThat(V0038Writer.gres(1, null)).isEqualTo("gpu:1");
        assertThat(V0038Writer.gres(0, "a100")).isNull();
        assertThat(V0038Writer.gres(null, null)).isNull();
        JsonNode job = V0038Writer.submission(JobSubmission.builder("x").gpusPerNode(2).gpuType("a100").build()).path("job");
        assertThat(job.path("gres").asString()).isEqualTo("gpu:a100:2");
    }

    @Test
    void jobUpdateHasOnlyTheChangedFields() {
        JsonNode body = V0038Writer.jobUpdate(JobUpdate.timeLimit(20));
        assertThat(body.propertyNames()).containsExactly("time_limit");
        assertThat(body.path("time_limit").asInt()).isEqualTo(20);

        assertThat(V0038Writer.jobUpdate(JobUpdate.hold(true)).path("hold").asBoolean()).isTrue();
        JsonNode release = V0038Writer.jobUpdate(JobUpdate.hold(false));
        assertThat(release.propertyNames()).containsExactly("hold");
        assertThat(release.path("hold").asBoolean(true)).isFalse();

        JsonNode all = V0038Writer.jobUpdate(new JobUpdate(5, "n", "c", null, "gpu", "gpu", 100L));
        assertThat(all.propertyNames()).containsExactlyInAnyOrder("time_limit", "name", "comment", "partition", "qos", "priority");
        assertThat(all.path("priority").asLong()).isEqualTo(100);
    }

    @Test
    void qosChangeNamesOnlyTheLimitsGiven() {
        JsonNode body = V0038Writer.qosChange(QosChange.named("gpu").withMaxTresPerUser("gres/gpu", 3).withGrpTres("gres/gpu", 6));
        assertThat(body.propertyNames()).containsExactly("QOS");
        assertThat(body.path("QOS").size()).isEqualTo(1);
        JsonNode qos = body.path("QOS").get(0);
        assertThat(qos.propertyNames()).containsExactlyInAnyOrder("name", "limits");
        assertThat(qos.path("name").asString()).isEqualTo("gpu");
        JsonNode max = qos.path("limits").path("max");
        assertThat(max.propertyNames()).containsExactly("tres");
        JsonNode perUser = max.path("tres").path("per").path("user");
        assertThat(perUser.size()).isEqualTo(1);
        assertThat(perUser.get(0).path("type").asString()).isEqualTo("gres");
        assertThat(perUser.get(0).path("name").asString()).isEqualTo("gpu");
        assertThat(perUser.get(0).path("count").asLong()).isEqualTo(3);
        JsonNode total = max.path("tres").path("total");
        assertThat(total.get(0).path("name").asString()).isEqualTo("gpu");
        assertThat(total.get(0).path("count").asLong()).isEqualTo(6);
    }

    @Test
    void minusOneRemovesTresAndIntegerLimits() {
        QosChange change = new QosChange("gpu", null, null, Map.of("cpu", QosChange.REMOVE), null, null, -1, -1, -1);
        JsonNode max = V0038Writer.qosChange(change).path("QOS").get(0).path("limits").path("max");
        JsonNode cpu = max.path("tres").path("per").path("user").get(0);
        assertThat(cpu.path("type").asString()).isEqualTo("cpu");
        assertThat(cpu.has("name")).isFalse();
        assertThat(cpu.path("count").asLong()).isEqualTo(-1);
        // MaxJobsPU and MaxSubmitPU as 22.05 names them (checked with sacctmgr on the lab).
        assertThat(max.path("jobs").path("active_jobs").path("per").path("user").asLong()).isEqualTo(-1);
        assertThat(max.path("jobs").path("per").path("user").asLong()).isEqualTo(-1);
        assertThat(max.path("wall_clock").path("per").path("job").asLong()).isEqualTo(-1);
    }

    @Test
    void createCarriesDescriptionAndPriority() {
        QosChange create = new QosChange("debug", "short debug jobs", 100L, null, Map.of("gres/gpu:a100", 1L), null, 5, null, 30);
        JsonNode qos = V0038Writer.qosChange(create).path("QOS").get(0);
        assertThat(qos.path("description").asString()).isEqualTo("short debug jobs");
        assertThat(qos.path("priority").asLong()).isEqualTo(100);
        JsonNode perJob = qos.path("limits").path("max").path("tres").path("per").path("job").get(0);
        assertThat(List.of(perJob.path("type").asString(), perJob.path("name").asString())).containsExactly("gres", "gpu:a100");
        assertThat(qos.path("limits").path("max").path("jobs").path("active_jobs").path("per").path("user").asInt()).isEqualTo(5);
        assertThat(qos.path("limits").path("max").path("wall_clock").path("per").path("job").asInt()).isEqualTo(30);
    }

    @Test
    void nameOnlyChangeHasNoLimits() {
        JsonNode qos = V0038Writer.qosChange(QosChange.named("gpu").withDescription("GPUs")).path("QOS").get(0);
        assertThat(qos.propertyNames()).containsExactlyInAnyOrder("name", "description");
    }
}
