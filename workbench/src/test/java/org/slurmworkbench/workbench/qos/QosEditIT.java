package org.slurmworkbench.workbench.qos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.QosLab;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * On every lab release, on a QOS the test creates ({@code wbt-...}, removed at the end): an admin changes its GPU
 * limit through the API and in headless Chromium (diff first, then apply) and {@code sacctmgr} shows each new value;
 * a limit is removed; the audit log holds every attempt. A non-admin's attempts (API, and the page's form post) are
 * refused, an admin whose Slurm user is not a Slurm admin is refused by Slurm with its message, bad input is a 400
 * naming the field, and in none of these cases does {@code sacctmgr} show a change.
 */
@BrowserTestBase.Window(width = 1400, height = 1300)
class QosEditIT extends BrowserTestBase {

    static boolean browserLoggedIn;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    static Stream<Named<LabCluster>> releases() {
        return TestLab.present().stream().map(lab -> Named.of("Slurm " + lab.release(), lab));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void anAdminChangesAGpuLimitInTheApiAndTheUiAndNobodyElseCan(LabCluster lab) {
        String name = QosLab.newName();
        String base = "/api/v1/clusters/" + lab.name() + "/qos";
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        TestHttp alice = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        TestHttp fakeAdmin = new TestHttp(port).basic(
                // a workbench admin whose Slurm user (alice) has no Slurm admin level: Slurm itself must refuse
                TestUsers.ensure(jdbc, passwords, "wbt-admin-as-alice", "ADMIN", "alice"), TestUsers.PASSWORD);
        try {
            TestHttp.Response created = admin.postJson(base, """
                    {"name": "%s", "description": "QosEditIT", "grpTres": "gres/gpu=6", "maxTresPerUser": "gres/gpu=2"}"""
                    .formatted(name));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("outcome").asString()).isEqualTo("APPLIED");
            assertThat(QosLab.show(lab, name)).containsEntry("GrpTRES", "gres/gpu=6").containsEntry("MaxTRESPU", "gres/gpu=2");

            // the diff alone changes nothing
            TestHttp.Response dry = admin.patchJson(base + "/" + name + "?dryRun=true", "{\"maxTresPerUser\": \"gres/gpu=3\"}");
            assertThat(dry.status()).as(dry.body()).isEqualTo(200);
            assertThat(dry.json().path("changes").get(0).path("before").asString()).isEqualTo("gres/gpu=2");
            assertThat(dry.json().path("changes").get(0).path("after").asString()).isEqualTo("gres/gpu=3");

            // a non-admin is refused before Slurm; an admin whose Slurm user may not edit QOS is refused by Slurm
            TestHttp.Response denied = alice.patchJson(base + "/" + name, "{\"maxTresPerUser\": \"gres/gpu=8\"}");
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.header("Content-Type")).startsWith("application/problem+json");
            TestHttp.Response refused = fakeAdmin.patchJson(base + "/" + name, "{\"maxTresPerUser\": \"gres/gpu=8\"}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("title").asString()).isEqualTo("Slurm permission denied");
            assertThat(refused.json().path("detail").asString()).isNotBlank();
            // neither the diff nor the two refusals changed anything
            assertThat(QosLab.show(lab, name)).containsEntry("MaxTRESPU", "gres/gpu=2");

            TestHttp.Response changed = admin.patchJson(base + "/" + name, "{\"maxTresPerUser\": \"gres/gpu=3\", \"maxJobsPerUser\": 5}");
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(changed.json().path("outcome").asString()).isEqualTo("APPLIED");
            assertThat(changed.json().path("after").path("maxTresPerUser").asString()).isEqualTo("gres/gpu=3");
            assertThat(QosLab.show(lab, name)).containsEntry("MaxTRESPU", "gres/gpu=3").containsEntry("MaxJobsPU", "5");

            // removing limits: an empty TRES field, a job count of -1
            TestHttp.Response removed = admin.patchJson(base + "/" + name, "{\"grpTres\": \"\", \"maxJobsPerUser\": -1}");
            assertThat(removed.json().path("outcome").asString()).as(removed.body()).isEqualTo("APPLIED");
            assertThat(QosLab.show(lab, name)).containsEntry("GrpTRES", "").containsEntry("MaxJobsPU", "")
                    .containsEntry("MaxTRESPU", "gres/gpu=3");

            badInputIsA400NamingTheField(admin, base, name);
            assertThat(QosLab.show(lab, name)).containsEntry("GrpTRES", "").containsEntry("MaxTRESPU", "gres/gpu=3");

            inTheBrowser(lab, name);
            aNonAdminsFormPostIsRefused(lab, name);

            assertThat(alice.get("/api/v1/qos/audit").status()).isEqualTo(403);
            JsonNode audit = admin.get("/api/v1/qos/audit?cluster=" + lab.name() + "&qos=" + name).json();
            List<String> outcomes = audit.valueStream().map(e -> e.path("action").asString() + " " + e.path("outcome").asString()).toList();
            // newest first: UI change, removal, change, Slurm's refusal, alice's denial, creation (+ the form post's denial)
            assertThat(outcomes).containsSubsequence("UPDATE APPLIED", "UPDATE APPLIED", "UPDATE APPLIED", "UPDATE REFUSED",
                    "UPDATE DENIED", "CREATE APPLIED");
            JsonNode ui = audit.valueStream().filter(e -> e.path("outcome").asString().equals("APPLIED")).findFirst().orElseThrow();
            assertThat(ui.path("username").asString()).isEqualTo("admin");
            assertThat(ui.path("slurmUser").asString()).isEqualTo(lab.adminUser());
            assertThat(ui.path("before").path("maxTresPerUser").asString()).isEqualTo("gres/gpu=3");
            assertThat(ui.path("after").path("maxTresPerUser").asString()).isEqualTo("gres/gpu=4");
            JsonNode refusal = audit.valueStream().filter(e -> e.path("outcome").asString().equals("REFUSED")).findFirst().orElseThrow();
            assertThat(refusal.path("message").asString()).isNotBlank();
            System.out.printf("QosEditIT %s: sacctmgr %s; audit %s%n", lab, QosLab.show(lab, name), outcomes);
        } finally {
            QosLab.delete(lab, name);
        }
        assertThat(QosLab.show(lab, name)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void anAdminCreatesAQosWithTheFormAfterFieldErrorsAndTheDiff(LabCluster lab) {
        String name = QosLab.newName();
        TestHttp session = new TestHttp(port);
        session.formLogin("admin", "admin-test-password");
        try {
            TestHttp.Response page = session.get("/qos/new?cluster=" + lab.name());
            assertThat(page.status()).isEqualTo(200);
            Map<String, String> form = new java.util.HashMap<>(Map.of("_csrf", TestHttp.csrfOf(page), "cluster", lab.name(),
                    "create", "true", "name", name, "description", "made by the form", "priority", "5", "grpTres", "gpu",
                    "maxTresPerUser", "gres/gpu=1", "maxTresPerJob", "", "maxJobsPerUser", "x"));
            form.put("maxSubmitJobsPerUser", "");
            TestHttp.Response invalid = session.postForm("/qos/preview", form);
            assertThat(invalid.status()).isEqualTo(200);
            assertThat(invalid.body()).contains("id=\"error-grpTres\"").contains("id=\"error-maxJobsPerUser\"")
                    .doesNotContain("id=\"error-maxTresPerUser\"");
            form.put("grpTres", "gres/gpu=4");
            form.put("maxJobsPerUser", "3");
            TestHttp.Response diff = session.postForm("/qos/preview", form);
            assertThat(diff.body()).contains("id=\"qos-diff-grpTres\"").contains("id=\"qos-diff-maxJobsPerUser\"");
            assertThat(QosLab.show(lab, name)).as("nothing is created before the diff is applied").isEmpty();
            TestHttp.Response applied = session.postForm("/qos/apply", form);
            assertThat(applied.status()).isEqualTo(302);
            assertThat(applied.header("Location")).endsWith("/qos/" + lab.name() + "/" + name);
            assertThat(QosLab.show(lab, name)).containsEntry("GrpTRES", "gres/gpu=4").containsEntry("MaxTRESPU", "gres/gpu=1")
                    .containsEntry("MaxJobsPU", "3").containsEntry("Priority", "5");
        } finally {
            QosLab.delete(lab, name);
        }
    }

    private void badInputIsA400NamingTheField(TestHttp admin, String base, String name) {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"grpTres\": \"gpu\"}", "grpTres");
        cases.put("{\"maxTresPerUser\": \"gres/gpu=1,gres/gpu=2\"}", "maxTresPerUser");
        cases.put("{\"maxTresPerJob\": \"gres/fpga=1\"}", "maxTresPerJob");
        cases.put("{\"maxJobsPerUser\": \"many\"}", "maxJobsPerUser");
        cases.put("{\"maxSubmitJobsPerUser\": -5}", "maxSubmitJobsPerUser");
        cases.put("{\"priority\": -1}", "priority");
        cases.forEach((body, field) -> {
            TestHttp.Response r = admin.patchJson(base + "/" + name, body);
            assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().path("errors").get(0).path("field").asString()).as(body).isEqualTo(field);
        });
        TestHttp.Response badName = admin.postJson(base, "{\"name\": \"Bad Name\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(admin.postJson(base, "{\"name\": \"" + name + "\"}").status()).isEqualTo(409);
        assertThat(admin.patchJson(base + "/" + name, "{not json").status()).isEqualTo(400);
        assertThat(admin.patchJson("/api/v1/clusters/no-such-cluster/qos/" + name, "{}").status()).isEqualTo(404);
        assertThat(admin.patchJson(base + "/wbt-no-such-qos", "{\"priority\": 1}").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/qos/audit?limit=0").status()).isEqualTo(400);
    }

    /** Diff first (nothing changes yet), then apply; sacctmgr shows the new value and the audit page the change. */
    private void inTheBrowser(LabCluster lab, String name) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        if (!browserLoggedIn) {
            logIn("admin", "admin-test-password");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
            browserLoggedIn = true;
        }
        driver.get(url("/qos?cluster=" + lab.name()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("qos-" + name))).findElement(By.linkText(name)).click();
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("qos-maxTresPerUser")));
        assertThat(field.getAttribute("value")).isEqualTo("gres/gpu=3");
        field.clear();
        field.sendKeys("gres/gpu=4");
        driver.findElement(By.id("qos-preview")).click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("qos-diff-maxTresPerUser")));
        assertThat(row.findElement(By.className("qos-before")).getText()).isEqualTo("gres/gpu=3");
        assertThat(row.findElement(By.className("qos-after")).getText()).isEqualTo("gres/gpu=4");
        assertThat(driver.findElements(By.cssSelector("#qos-diff tbody tr"))).hasSize(1);
        assertThat(QosLab.show(lab, name)).containsEntry("MaxTRESPU", "gres/gpu=3");
        driver.findElement(By.id("qos-apply")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("qos-applied")));
        assertThat(driver.findElement(By.id("qos-value-maxTresPerUser")).getText()).isEqualTo("gres/gpu=4");
        assertThat(QosLab.show(lab, name)).containsEntry("MaxTRESPU", "gres/gpu=4");

        driver.get(url("/qos/audit?cluster=" + lab.name() + "&qos=" + name));
        String table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("qos-audit"))).getText();
        assertThat(table).contains("gres/gpu=3 → gres/gpu=4").contains("refused by Slurm").contains("denied");
    }

    /** alice logs in, sees the QOS without edit controls, and her hand-made form post is refused. */
    private void aNonAdminsFormPostIsRefused(LabCluster lab, String name) {
        TestHttp session = new TestHttp(port);
        assertThat(session.formLogin(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD).status()).isEqualTo(302);
        TestHttp.Response page = session.get("/qos/" + lab.name() + "/" + name);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(name).doesNotContain("id=\"qos-edit\"").doesNotContain("id=\"qos-preview\"");
        String csrf = TestHttp.csrfOf(page);
        Map<String, String> form = Map.of("_csrf", csrf, "cluster", lab.name(), "name", name, "create", "false",
                "priority", "0", "maxTresPerUser", "gres/gpu=8", "grpTres", "", "maxTresPerJob", "", "maxJobsPerUser", "",
                "maxSubmitJobsPerUser", "");
        assertThat(session.postForm("/qos/apply", form).status()).isEqualTo(403);
        assertThat(session.postForm("/qos/preview", form).status()).isEqualTo(403);
        assertThat(session.get("/qos/audit").status()).isEqualTo(403);
        assertThat(QosLab.show(lab, name)).containsEntry("MaxTRESPU", "gres/gpu=4");
    }
}
