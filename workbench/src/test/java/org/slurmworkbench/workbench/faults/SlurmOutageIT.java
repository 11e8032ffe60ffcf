package org.slurmworkbench.workbench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * slurmrestd, slurmctld and slurmdbd of each lab release are each stopped during work and started again with
 * {@code lab up}: meanwhile the API answers 503 "Slurm unavailable" (or, for the dashboard, the last overview marked
 * stale), never a 500 or a stack trace; a job Slurm accepted before is still there afterwards, and once the daemon is
 * back the same calls succeed by themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlurmOutageIT {

    static final String RUN = "wb-outage-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    @LocalServerPort
    int port;

    static Stream<Arguments> outages() {
        return TestLab.present().stream().flatMap(lab -> Stream.of("slurmrestd", "slurmctld", "slurmdbd")
                .map(daemon -> Arguments.of(lab, daemon)));
    }

    @ParameterizedTest(name = "{0}: {1} stopped and started again")
    @MethodSource("outages")
    void aStoppedDaemonIs503ThenHealsBySelf(LabCluster lab, String daemon) {
        // with slurmctld gone, slurmrestd answers only after its own attempts to reach it (about 10 s), and at worst
        // the app after its request timeout (30 s): the test waits longer than both
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password").timeout(Duration.ofSeconds(90));
        String jobs = "/api/v1/clusters/" + lab.name() + "/jobs";
        String submit = """
                {"script": "#!/bin/bash\\ntrue\\n", "name": "%s", "partition": "cpu", "timeLimit": "1", "hold": true}"""
                .formatted(RUN);
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get(jobs).status() == 200);
        TestHttp.Response accepted = admin.postJson(jobs, submit);
        assertThat(accepted.status()).as("held job before the outage: %s", accepted.body()).isEqualTo(201);
        long heldJob = accepted.json().path("jobId").asLong();

        lab.stop(daemon);
        try {
            assertUnavailable(admin.postJson(jobs, submit), "submit", lab);
            if (daemon.equals("slurmdbd")) {
                // slurmctld still answers job lists; a submission needs the user's associations from slurmdbd.
                TestHttp.Response list = admin.get(jobs);
                assertThat(list.status()).as("list with slurmdbd down: %s", list.body()).isEqualTo(200);
            } else {
                // the shared job list may serve what it read up to workbench.cluster-jobs.max-age ago; then 503
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> admin.get(jobs).status() != 200);
                assertUnavailable(admin.get(jobs), "list", lab);
            }
            if (daemon.equals("slurmrestd")) {
                TestHttp.Response overview = admin.get("/api/v1/clusters/" + lab.name() + "/overview");
                assertThat(overview.status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        admin.get("/api/v1/clusters/" + lab.name() + "/overview").json().path("stale").asBoolean());
            }
        } finally {
            lab.up();
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> admin.get(jobs).status() == 200);
        TestHttp.Response held = admin.get(jobs + "/" + heldJob);
        assertThat(held.status()).as("job %s accepted before %s stopped: %s", heldJob, daemon, held.body()).isEqualTo(200);
        assertThat(held.json().path(0).path("jobId").asLong()).isEqualTo(heldJob);
        assertThat(admin.delete(jobs + "/" + heldJob).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            TestHttp.Response r = admin.postJson(jobs, submit);
            if (r.status() == 201) {
                admin.delete(jobs + "/" + r.json().path("jobId").asLong());
                return true;
            }
            assertThat(r.status()).as("submit while %s comes back: %s", daemon, r.body()).isEqualTo(503);
            return false;
        });
    }

    private static void assertUnavailable(TestHttp.Response r, String what, LabCluster lab) {
        assertThat(r.status()).as("%s -> %s", what, r.body()).isEqualTo(503);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("title").asString()).isEqualTo("Slurm unavailable");
        assertThat(r.json().path("instance").asString()).as("names the cluster").contains("/clusters/" + lab.name() + "/");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
