package org.slurmworkbench.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code lab/demo-data}, the demo data of {@code ./wb start}, run against the test app (a small run: 3 jobs within
 * 5 s): alice, bob and carol can log in with the printed passwords as their Slurm users; the workload run is done
 * with every job ended; accounting holds its jobs. Run again, it keeps what is there: the same passwords, the same run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoDataIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void demoDataGivesLoginsAFinishedRunAndAccountingAndKeepsThemWhenRunAgain(@TempDir Path state) throws IOException {
        Path adminPassword = Files.writeString(state.resolve("admin-password"), "admin-test-password");
        Map<String, String> logins = demoData(state, adminPassword);
        assertThat(logins).containsOnlyKeys("alice", "bob", "carol");
        for (var login : logins.entrySet()) {
            JsonNode me = new TestHttp(port).basic(login.getKey(), login.getValue()).get("/api/v1/me").json();
            assertThat(me.path("slurmUser").asString()).isEqualTo(login.getKey());
            assertThat(me.path("role").asString()).isEqualTo("USER");
        }
        String run = Files.readString(state.resolve("demo-run")).strip();
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        assertThat(admin.get("/api/v1/workloads/runs/" + run).json().path("run").path("state").asString()).isEqualTo("DONE");
        JsonNode analysis = admin.get("/api/v1/workloads/runs/" + run + "/analysis").json();
        assertThat(analysis.path("complete").asBoolean()).as("every job of the run ended").isTrue();
        List<Long> jobs = analysis.path("metrics").path("jobs").valueStream().map(j -> j.path("slurmJobId").asLong()).toList();
        assertThat(jobs).hasSize(3);
        String cluster = analysis.path("cluster").asString();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acct_job WHERE cluster = ? AND job_id IN (" + String.join(",",
                        jobs.stream().map(String::valueOf).toList()) + ")").param(cluster).query(Long.class).single())
                .as("the run's jobs are in the accounting copy").isEqualTo(3);

        assertThat(demoData(state, adminPassword)).as("run again: the same logins").isEqualTo(logins);
        assertThat(Files.readString(state.resolve("demo-run")).strip()).as("run again: the same run").isEqualTo(run);
    }

    /** Runs the script; answers the logins it printed. */
    private Map<String, String> demoData(Path state, Path adminPassword) {
        Path script = Path.of(LabShell.script()).resolveSibling("demo-data");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "http://127.0.0.1:" + port, "admin",
                adminPassword.toString(), state.toString()).redirectErrorStream(true);
        builder.environment().put("WB_DEMO_JOBS", "3");
        builder.environment().put("WB_DEMO_WINDOW", "5");
        builder.environment().put("WB_DEMO_WAIT", "240");
        LabCluster.Ran ran = LabCluster.run(builder, 600);
        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(ran.output()).as("waited for the run and the sync").doesNotContain("has not finished", "not started");
        Map<String, String> logins = new LinkedHashMap<>();
        ran.output().lines().filter(l -> l.startsWith("login: ")).forEach(l -> {
            String[] parts = l.substring("login: ".length()).split(" / ");
            logins.put(parts[0], parts[1]);
        });
        return logins;
    }
}
