package org.slurmworkbench.workbench.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.apiclient.ApiClient;
import org.slurmworkbench.apiclient.ApiException;
import org.slurmworkbench.apiclient.ApiResponse;
import org.slurmworkbench.apiclient.api.AccountingApi;
import org.slurmworkbench.apiclient.api.JobsApi;
import org.slurmworkbench.apiclient.api.WorkloadPlansApi;
import org.slurmworkbench.apiclient.model.JobSpec;
import org.slurmworkbench.apiclient.model.JobView;
import org.slurmworkbench.apiclient.model.PlanRequest;
import org.slurmworkbench.apiclient.model.PresetView;
import org.slurmworkbench.apiclient.model.PreviewAnswer;
import org.slurmworkbench.apiclient.model.Submitted;
import org.slurmworkbench.apiclient.model.SwfPreviewAnswer;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API description is exact enough for a stranger's code: the description the app serves equals
 * {@code docs/api/openapi.json}, from which the build generated a Java client (openapi-generator, {@code native}
 * library); that client submits a job, follows it, asks accounting, previews a workload from a preset and previews an
 * SWF upload, each through the generated methods and models, on the newest lab release. Rules every operation keeps
 * (problem answers, no opaque parameters or body parts) are checked on the served description.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiClientIT {

    static final Path COMMITTED = Path.of("..", "docs", "api", "openapi.json");
    static final String NAME = "wb-openapi-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    TestHttp admin;
    ApiClient alice;

    @BeforeEach
    void setUp() {
        // springdoc builds the description on its first request: tens of seconds on two busy cores
        admin = new TestHttp(port).basic("admin", "admin-test-password").timeout(Duration.ofMinutes(3));
        String user = TestUsers.ensure(jdbc, passwords, "alice");
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        alice = new ApiClient().setHost("localhost").setPort(port).setScheme("http").setBasePath("")
                .setReadTimeout(Duration.ofMinutes(3))
                .setRequestInterceptor(b -> b.header("Authorization", basic));
    }

    @Test
    void theServedDescriptionIsTheCommittedOne() throws Exception {
        TestHttp.Response served = admin.get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        JsonMapper json = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
        // servers names the host the description was asked from: not part of the description
        JsonNode live = ((ObjectNode) json.readTree(served.body())).without("servers");
        JsonNode committed = ((ObjectNode) json.readTree(Files.readString(COMMITTED))).without("servers");
        if (!live.equals(committed)) {
            Path written = Path.of("target", "openapi-live.json");
            Files.writeString(written, json.writerWithDefaultPrettyPrinter().writeValueAsString(live));
            fail("The API description the app serves differs from " + COMMITTED.normalize() + ". If the change is "
                    + "meant, copy " + written.toAbsolutePath() + " over it and "
                    + "commit it with the change; the generated client follows at the next build.");
        }
    }

    @Test
    void everyOperationSaysItsProblemsAndNoPartIsOpaque() {
        JsonNode api = admin.get("/v3/api-docs").json();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode responses = op.getValue().path("responses");
                boolean success = responses.propertyNames().stream().anyMatch(code -> code.startsWith("2"));
                if (!success) wrong.add(name + ": no success answer");
                if (!responses.has("401")) wrong.add(name + ": no 401");
                if (!responses.path("403").path("content").has("application/problem+json")) wrong.add(name + ": no 403 problem");
                boolean input = op.getValue().has("requestBody");
                for (JsonNode p : op.getValue().path("parameters")) {
                    input = true;
                    if (p.path("name").asString().equals("params")) wrong.add(name + ": opaque parameter map");
                    if (p.path("in").asString().equals("path") && !responses.has("404")) wrong.add(name + ": path without 404");
                }
                if (input && !responses.has("400")) wrong.add(name + ": takes input but names no 400");
                JsonNode multipart = op.getValue().path("requestBody").path("content").path("multipart/form-data").path("schema");
                for (Map.Entry<String, JsonNode> part : multipart.path("properties").properties()) {
                    if (!"binary".equals(part.getValue().path("format").asString())) {
                        wrong.add(name + ": multipart part '" + part.getKey() + "' that the handler does not read as a part");
                    }
                }
            }
        }
        assertThat(api.path("components").path("schemas").propertyNames())
                .noneMatch(s -> s.startsWith("MultiValueMap") || s.equals("JsonNode"));
        assertThat(wrong).isEmpty();
    }

    /** submit → job → accounting usage → workload preview → SWF preview, only through the generated client. */
    @Test
    void aGeneratedClientDrivesTheApi() throws Exception {
        LabCluster lab = TestLab.present().getLast();
        JobsApi jobs = new JobsApi(alice);
        JobSpec spec = new JobSpec();
        spec.setName(NAME);
        spec.setScript("#!/bin/bash\nsleep 1\n");
        spec.setTimeLimit("2");
        ApiResponse<Submitted> submitted = jobs.jobsSubmitWithHttpInfo(lab.name(), spec);
        assertThat(submitted.getStatusCode()).isEqualTo(201);
        long id = submitted.getData().getJobId();
        assertThat(submitted.getHeaders().get("Location")).singleElement().asString().endsWith("/jobs/" + id);

        JobView job = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> jobs.jobsOne(lab.name(), Long.toString(id)).getFirst(), j -> "COMPLETED".equals(j.getState()));
        assertThat(job.getName()).isEqualTo(NAME);
        assertThat(job.getJobId()).isEqualTo(id);
        assertThat(LabShell.showJob(lab, Long.toString(id))).isNotNull();

        ApiException missing = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> jobs.jobsOne(lab.name(), "0"));
        assertThat(missing.getCode()).isEqualTo(400);
        assertThat(missing.getResponseBody()).contains("is not a job id");
        assertThat(missing.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");

        SyncNow.sync(admin, lab.name());
        String from = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        Map<String, Object> usage = new AccountingApi(alice).accountingUsage(from, null, lab.name(), null, null, null,
                null, null, NAME, "user", null, "jobs,cpuHours", null, null, null);
        assertThat(usage.get("groupBy")).isEqualTo(List.of("user"));
        assertThat((List<?>) usage.get("rows")).singleElement().asString().contains("jobs=1");

        WorkloadPlansApi plans = new WorkloadPlansApi(alice);
        PresetView preset = plans.workloadPlanPresets(lab.name()).getPresets().getFirst();
        PlanRequest request = new PlanRequest();
        request.setCluster(lab.name());
        request.setParameters(preset.getParameters());
        PreviewAnswer preview = plans.workloadPlanPreview(request);
        assertThat(preview.getSummary()).isNotNull();
        assertThat(preview.getSummary().getSubmissions()).isPositive();

        File trace = new File(URI.create(getClass().getResource("/swf/lublin_256-first-2000.swf").toString()));
        SwfPreviewAnswer swf = plans.swfSwfPreview(lab.name(), trace, null, null, null, null, null, null, null, 50,
                null, null);
        assertThat(swf.getReport().getImported()).isEqualTo(50);
        assertThat(swf.getSummary().getSubmissions()).isEqualTo(50);
    }
}
