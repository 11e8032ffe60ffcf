package org.slurmworkbench.workbench.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.SyncNow;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV formula injection (WB-13): alice names real jobs as a spreadsheet formula (each of OWASP's prefixes), they
 * run and are synced from slurmdbd, and the admin's CSV export carries each name with a leading {@code '} (read as
 * text), while the numbers the app writes (job id, CPUs, seconds) stay plain numbers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CsvFormulaIT {

    /** Job names as a probe typed them; tab and carriage return are refused by Slurm's own name rules. */
    static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1)");

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void jobNamesThatLookLikeFormulasAreExportedAsText() throws IOException {
        LabCluster lab = TestLab.present().getFirst();
        String tag = "csvf" + Long.toString(System.nanoTime(), 36);
        TestHttp alice = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        Instant from = Instant.now().minusSeconds(60);
        Map<String, Long> ids = new LinkedHashMap<>();
        for (String formula : FORMULAS) {
            String name = formula + tag;
            TestHttp.Response r = alice.postJson("/api/v1/clusters/" + lab.name() + "/jobs", "{\"name\": "
                    + JSON.writeValueAsString(name) + ", \"script\": \"#!/bin/bash\\ntrue\\n\", \"timeLimit\": \"1\", "
                    + "\"workDir\": \"/tmp\", \"output\": \"/dev/null\"}");
            assertThat(r.status()).as("submit %s: %s", name, r.body()).isEqualTo(201);
            ids.put(name, r.json().path("jobId").asLong());
        }
        awaitEnded(lab, ids.values());

        String query = "/api/v1/accounting/jobs.csv?cluster=" + lab.name() + "&users=alice&from="
                + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(Instant.now().plusSeconds(3600).toString(), StandardCharsets.UTF_8);
        // slurmdbd records a job's end a little after slurmctld: sync again until every job is in the copy
        List<CSVRecord> rows = new ArrayList<>();
        TestHttp.Response[] csv = new TestHttp.Response[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            SyncNow.sync(admin, lab.name());
            csv[0] = admin.get(query);
            assertThat(csv[0].status()).as(csv[0].body()).isEqualTo(200);
            rows.clear();
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv[0].body()))
                    .forEach(rows::add);
            assertThat(rows.stream().map(r -> r.get("jobId")).toList()).as("the jobs in the CSV")
                    .containsAll(ids.values().stream().map(String::valueOf).toList());
        });
        for (var e : ids.entrySet()) {
            CSVRecord row = rows.stream().filter(r -> r.get("jobId").equals(Long.toString(e.getValue()))).findFirst()
                    .orElseThrow();
            // as slurmdbd recorded it (it turns a double quote into a backquote)
            String recorded = jdbc.sql("SELECT job_name FROM acct_job WHERE cluster = ? AND job_id = ?")
                    .params(lab.name(), e.getValue()).query(String.class).single();
            assertThat(recorded).startsWith(e.getKey().substring(0, 1));
            assertThat(row.get("name")).as("a formula is written as text").isEqualTo("'" + recorded);
            assertThat(row.get("cpus")).as("numbers stay numbers").matches("[0-9]+");
            assertThat(row.get("elapsedSeconds")).matches("[0-9]+");
            assertThat(row.get("user")).isEqualTo("alice");
        }
    }

    /** Waits (2 min at most) until Slurm no longer lists the jobs as pending or running. */
    private static void awaitEnded(LabCluster lab, java.util.Collection<Long> ids) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        for (long id : ids) {
            String state = "";
            while (Instant.now().isBefore(deadline)) {
                state = LabShell.showJob(lab, Long.toString(id)).getOrDefault("JobState", "?");
                if (!state.equals("PENDING") && !state.equals("RUNNING") && !state.equals("COMPLETING")
                        && !state.equals("CONFIGURING")) {
                    break;
                }
                sleep();
            }
            assertThat(state).as("job %s", id).isEqualTo("COMPLETED");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
