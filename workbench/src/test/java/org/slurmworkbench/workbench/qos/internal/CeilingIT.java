package org.slurmworkbench.workbench.qos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * On every lab release: alice submits four 1-GPU jobs with {@code --qos=gpu} (MaxTRESPerUser gres/gpu=2), so two run
 * and two wait with a QOSMax* reason; the sampler (called directly) records that moment, and the ceiling view shows a
 * touch of MaxTRESPerUser gres/gpu at that time with the busiest user's GPUs at the ceiling and the QOS-limited
 * pending jobs counted. The jobs are cancelled at the end. Bad parameters are 400s naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CeilingIT {

    @LocalServerPort
    int port;
    @Autowired
    CeilingSampler sampler;
    @Autowired
    ClusterJobs clusterJobs;

    static Stream<Named<LabCluster>> releases() {
        return TestLab.present().stream().map(lab -> Named.of("Slurm " + lab.release(), lab));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void aGroupPushedOntoItsGpuCeilingShowsATouchAndItsHeldJobs(LabCluster lab) {
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        SlurmApi alice = lab.client().as("alice");
        String tag = "wbt-ceiling-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Instant start = Instant.now().minusSeconds(1);
        List<Long> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                ids.add(alice.submit(JobSubmission.builder("#!/bin/bash\nsleep 120\n").name(tag).partition("gpu")
                        .qos(lab.gpuQos()).gpusPerNode(1).timeLimitMinutes(3).workDir("/tmp").build()).jobId());
            }
            // wait until Slurm has made its choice: the per-user ceiling is full and the rest wait on it
            List<Job> mine = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(
                    () -> alice.jobs().stream().filter(j -> ids.contains(j.jobId())).toList(),
                    jobs -> jobs.stream().filter(j -> j.state().equals("RUNNING")).mapToLong(Job::gpus).sum() >= 2
                            && jobs.stream().filter(j -> j.state().equals("PENDING")
                            && j.stateReason() != null && j.stateReason().startsWith("QOSMax")).count() >= 1);
            long heldByQos = mine.stream().filter(j -> j.state().equals("PENDING") && j.stateReason().startsWith("QOSMax")).count();

            // the app's shared job list (at most workbench.cluster-jobs.max-age old) sees the same
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> clusterJobs.jobs(lab.name())
                    .stream().filter(j -> ids.contains(j.jobId()) && j.state().equals("PENDING")
                            && j.stateReason() != null && j.stateReason().startsWith("QOSMax")).count() >= heldByQos);
            Instant sampledAt = Instant.now();
            assertThat(sampler.sample(lab.name(), sampledAt)).isPositive();

            JsonNode view = admin.get("/api/v1/clusters/" + lab.name() + "/qos/" + lab.gpuQos() + "/ceiling?from="
                    + start.minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60)).json();
            JsonNode point = view.path("points").valueStream()
                    .filter(p -> p.path("time").asString().equals(at(sampledAt, view.path("stepSeconds").asLong())))
                    .findFirst().orElseThrow(() -> new AssertionError("no point for " + sampledAt + " in " + view));
            assertThat(point.path("userGpus").asInt()).isEqualTo(2);
            assertThat(point.path("gpusUserMax").asInt()).isEqualTo(point.path("userGpus").asInt());
            assertThat(point.path("gpusUsed").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(point.path("pendingLimited").asInt()).isGreaterThanOrEqualTo((int) heldByQos);
            assertThat(point.path("touched").valueStream().map(JsonNode::asString)).contains("MaxTRESPerUser gres/gpu");
            assertThat(view.path("touches").valueStream().filter(t ->
                    !Instant.parse(t.path("from").asString()).isAfter(sampledAt)
                            && Instant.parse(t.path("to").asString()).isAfter(sampledAt)
                            && t.path("limits").valueStream().anyMatch(l -> l.asString().equals("MaxTRESPerUser gres/gpu"))))
                    .hasSize(1);

            // the pages show it: the list marks alice's per-user GPU limit as full; the GPU chart carries the touch
            TestHttp page = new TestHttp(port);
            page.formLogin("admin", "admin-test-password");
            String list = page.get("/qos?cluster=" + lab.name() + "&lang=en").body();
            assertThat(list).contains("class=\"qos-use level-full\" data-limit=\"MaxTRESPerUser gres/gpu\"");
            String html = page.get("/qos/" + lab.name() + "/" + lab.gpuQos() + "?range=1h&lang=zh").body();
            assertThat(html).contains("触顶情况").contains("id=\"qos-chart-gpus\"");
            // the page was read within seconds of the sample, often within the same second: it must still show it
            String chart = html.substring(html.indexOf("id=\"qos-chart-gpus\""));
            assertThat(chart.substring(0, chart.indexOf("</div>"))).as("the 1 h GPU chart shades the touch")
                    .contains("&quot;areas&quot;:[[");
            System.out.printf("CeilingIT %s: %d of alice's jobs held by the QOS; point %s%n", lab, heldByQos, point);
        } finally {
            ids.forEach(id -> {
                try {
                    alice.cancel(id);
                } catch (RuntimeException e) {
                    // already gone
                }
            });
        }
    }

    /** The point's time: the sample's time at the view's step. */
    private static String at(Instant t, long step) {
        return Instant.ofEpochSecond(t.getEpochSecond() / step * step).toString();
    }

    @Test
    void badParametersAre400NamingTheFieldAndUnknownsAre404() {
        TestHttp user = new TestHttp(port).basic("admin", "admin-test-password");
        String cluster = TestLab.present().getFirst().name();
        String base = "/api/v1/clusters/" + cluster + "/qos/gpu/ceiling";
        assertField(user.get(base + "?from=yesterday"), "from");
        assertField(user.get(base + "?to=2026-13-01T00:00:00Z"), "to");
        assertField(user.get(base + "?from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z"), "from");
        assertField(user.get(base + "?from=2026-01-01T00:00:00Z&to=2026-11-27T09:00:00Z"), "from");
        assertThat(user.get("/api/v1/clusters/no-such-cluster/qos/gpu/ceiling").status()).isEqualTo(404);
        assertThat(user.get("/api/v1/clusters/" + cluster + "/qos/no-such-qos").status()).isEqualTo(404);
        assertThat(user.get(base).status()).isEqualTo(200);
        TestHttp page = new TestHttp(port);
        page.formLogin("admin", "admin-test-password");
        for (String path : List.of("/qos/dead/gpu", "/qos?cluster=dead")) {
            TestHttp.Response unreachable = page.get(path);
            assertThat(unreachable.status()).as("an unreachable cluster's QOS page %s", path).isEqualTo(503);
            assertThat(unreachable.body()).contains("Slurm on cluster dead is unavailable").doesNotContain("Exception");
        }
        assertThat(page.get("/qos/no-such-cluster/gpu").status()).isEqualTo(404);
        assertThat(user.get("/v3/api-docs").json().path("paths").has("/api/v1/clusters/{cluster}/qos/{name}/ceiling")).isTrue();
    }

    private static void assertField(TestHttp.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
    }
}
