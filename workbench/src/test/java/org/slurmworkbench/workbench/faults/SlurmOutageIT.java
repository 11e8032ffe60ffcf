package org.slurmworkbench.workbench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.submit.LabShell;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * slurmrestd and slurmdbd of one lab release are each stopped during work and started again with
 * {@code lab up}: meanwhile the API answers 503 "Slurm unavailable" (or, for the dashboard, the last overview marked
 * stale), never a 500 or a stack trace; once the daemon is back the same calls succeed by themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlurmOutageIT {

    static final String RUN = "wb-outage-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} stopped and started again")
    // slurmctld is left out for now: with it stopped, 22.05's slurmrestd waits on its own timeouts before answering
    // and a submission then takes longer than a test should wait; the 503 mapping itself is unit-tested.
    @ValueSource(strings = {"slurmrestd", "slurmdbd"})
    void aStoppedDaemonIs503ThenHealsBySelf(String daemon) throws Exception {
        LabCluster lab = TestLab.present().getFirst();
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        String jobs = "/api/v1/clusters/" + lab.name() + "/jobs";
        String submit = """
                {"script": "#!/bin/bash\\ntrue\\n", "name": "%s", "partition": "cpu", "timeLimit": "1", "hold": true}"""
                .formatted(RUN);
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get(jobs).status() == 200);

        stop(lab, daemon);
        try {
            assertUnavailable(admin.postJson(jobs, submit), "submit");
            if (daemon.equals("slurmdbd")) {
                // slurmctld still answers job lists; a submission needs the user's associations from slurmdbd.
                TestHttp.Response list = admin.get(jobs);
                assertThat(list.status()).as("list with slurmdbd down: %s", list.body()).isEqualTo(200);
            } else {
                // the shared job list may serve what it read up to workbench.cluster-jobs.max-age ago; then 503
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> admin.get(jobs).status() != 200);
                assertUnavailable(admin.get(jobs), "list");
            }
            if (daemon.equals("slurmrestd")) {
                TestHttp.Response overview = admin.get("/api/v1/clusters/" + lab.name() + "/overview");
                assertThat(overview.status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        admin.get("/api/v1/clusters/" + lab.name() + "/overview").json().path("stale").asBoolean());
            }
        } finally {
            LabShell.lab("up", "--release", lab.series());
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> admin.get(jobs).status() == 200);
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

    private static void assertUnavailable(TestHttp.Response r, String what) {
        assertThat(r.status()).as("%s -> %s", what, r.body()).isEqualTo(503);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("title").asString()).isEqualTo("Slurm unavailable");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** SIGTERM to the lab's daemon by its PID file, and wait until it is gone. */
    private static void stop(LabCluster lab, String daemon) throws IOException {
        Path pidFile = Path.of(System.getProperty("wb.lab.root", "/var/lib/slurm-workbench-lab"), lab.series(), "pids",
                daemon + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(daemon + " is not running"));
        process.destroy();
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
    }
}
