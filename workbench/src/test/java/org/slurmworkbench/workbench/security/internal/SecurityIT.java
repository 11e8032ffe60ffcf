package org.slurmworkbench.workbench.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slurmworkbench.workbench.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/** Users in MariaDB with bcrypt, the bootstrap admin, roles, login for the API, and bad input on add-user. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SecurityIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    BootstrapAdmin bootstrapAdmin;

    TestHttp admin;

    @BeforeEach
    void setUp() {
        admin = new TestHttp(port).basic("admin", "admin-test-password");
    }

    private final List<String> created = new java.util.ArrayList<>();

    /** A fresh username, removed again after the test. */
    private String unique(String prefix) {
        String name = prefix + Long.toString(System.nanoTime(), 36);
        created.add(name);
        return name;
    }

    @AfterEach
    void removeCreatedUsers() {
        created.forEach(name -> jdbc.sql("DELETE FROM users WHERE username = ?").param(name).update());
    }

    private static String userJson(String username, String password, String role, String slurmUser) {
        return """
                {"username": "%s", "password": "%s", "role": "%s", "slurmUser": "%s"}""".formatted(username, password, role, slurmUser);
    }

    private static List<String> fields(JsonNode problem) {
        return StreamSupport.stream(problem.path("errors").spliterator(), false).map(e -> e.path("field").asString()).toList();
    }

    @Test
    void theBootstrapAdminExistsOnceWithABcryptPasswordAndIsNotTouchedAgain() {
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE username = 'admin'").query(String.class).single();
        assertThat(hash).startsWith("$2a$").doesNotContain("admin-test-password");
        assertThat(passwords.matches("admin-test-password", hash)).isTrue();
        assertThat(jdbc.sql("SELECT role, slurm_user FROM users WHERE username = 'admin'").query().singleRow())
                .containsEntry("role", "ADMIN").containsEntry("slurm_user", "wbadmin");

        assertThat(bootstrapAdmin.ensure(new BootstrapAdminProperties("admin", "another-password", "root"))).isEmpty();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE username = 'admin'").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT password_hash FROM users WHERE username = 'admin'").query(String.class).single()).isEqualTo(hash);
    }

    @Test
    void aBootstrapAdminWithoutPasswordGetsOneGeneratedAndLoggedOnce(CapturedOutput output) {
        String name = unique("gen-admin-");
        var properties = new BootstrapAdminProperties(name, null, null);
        String password = bootstrapAdmin.ensure(properties).orElseThrow();

        String line = "Bootstrap admin '" + name + "' created with password: " + password;
        assertThat(output.getOut().lines().filter(l -> l.contains(line)).toList())
                .singleElement().asString().contains(" WARN ");
        assertThat(new TestHttp(port).basic(name, password).get("/api/v1/me").json().path("slurmUser").asString())
                .isEqualTo(name);

        assertThat(bootstrapAdmin.ensure(properties)).isEmpty();
        assertThat(output.getOut().split(java.util.regex.Pattern.quote(password), -1)).hasSize(2); // logged once
    }

    @Test
    void anAdminAddsAUserStoredWithBcryptWhoThenLogsIn() {
        String name = unique("alice-");
        TestHttp.Response created = admin.postJson("/api/v1/users", userJson(name, "s3cret-pass", "USER", "alice"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/users/" + name);
        assertThat(created.json().path("role").asString()).isEqualTo("USER");
        assertThat(created.body()).doesNotContain("s3cret-pass").doesNotContain("password");

        Map<String, Object> row = jdbc.sql("SELECT password_hash, role, slurm_user, enabled, created_at FROM users WHERE username = ?")
                .param(name).query().singleRow();
        assertThat((String) row.get("password_hash")).startsWith("$2a$").hasSize(60);
        assertThat(passwords.matches("s3cret-pass", (String) row.get("password_hash"))).isTrue();
        assertThat(row).containsEntry("role", "USER").containsEntry("slurm_user", "alice").containsEntry("enabled", true);
        assertThat(row.get("created_at")).isNotNull();

        JsonNode me = new TestHttp(port).basic(name, "s3cret-pass").get("/api/v1/me").json();
        assertThat(me.path("username").asString()).isEqualTo(name);
        assertThat(me.path("role").asString()).isEqualTo("USER");
        assertThat(me.path("slurmUser").asString()).isEqualTo("alice");

        TestHttp.Response list = admin.get("/api/v1/users");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(name).doesNotContain("$2a$");
    }

    @Test
    void badInputOnAddUserIsA400NamingEachField() {
        TestHttp.Response r = admin.postJson("/api/v1/users", userJson("Not Valid!", "short", "USER", ""));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
        assertThat(fields(problem)).containsExactlyInAnyOrder("username", "password", "slurmUser");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void eachKindOfBadInputGetsItsOwnClearError() {
        TestHttp.Response badRole = admin.postJson("/api/v1/users", userJson("bob-x", "long-enough", "ROOT", "bob"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(fields(badRole.json())).containsExactly("role");
        assertThat(badRole.json().path("errors").get(0).path("message").asString()).contains("USER").contains("ADMIN");

        TestHttp.Response missing = admin.postJson("/api/v1/users", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing.json())).contains("username", "password", "role", "slurmUser");

        TestHttp.Response wrongType = admin.postJson("/api/v1/users", "{\"username\": [1, 2]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(fields(wrongType.json())).containsExactly("username");

        TestHttp.Response notJson = admin.postJson("/api/v1/users", "{\"username\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("detail").asString()).contains("not valid JSON");

        TestHttp.Response tooLong = admin.postJson("/api/v1/users", userJson("carol-x", "密码".repeat(13), "USER", "carol"));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(fields(tooLong.json())).containsExactly("password");
        assertThat(tooLong.json().path("errors").get(0).path("message").asString()).contains("72 bytes");

        TestHttp.Response form = admin.post("/api/v1/users", "text/plain", "hello");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.header("Content-Type")).startsWith("application/problem+json");

        for (TestHttp.Response r : List.of(badRole, missing, wrongType, notJson, tooLong, form)) {
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("tools.jackson");
        }
    }

    @Test
    void errorsComeInTheRequestLanguage() {
        TestHttp.Response r = admin.postJson("/api/v1/users", userJson("", "long-enough", "USER", "x"), "Accept-Language", "zh-CN");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").get(0).path("message").asString()).isEqualTo("不能为空");
    }

    @Test
    void aTakenUsernameIsAConflictOnTheUsernameField() {
        TestHttp.Response r = admin.postJson("/api/v1/users", userJson("admin", "long-enough", "ADMIN", "root"));

        assertThat(r.status()).isEqualTo(409);
        assertThat(fields(r.json())).containsExactly("username");
    }

    @Test
    void aUserMayNotManageUsers() {
        String name = unique("dave-");
        assertThat(admin.postJson("/api/v1/users", userJson(name, "dave-password", "USER", "carol")).status()).isEqualTo(201);
        TestHttp dave = new TestHttp(port).basic(name, "dave-password");

        TestHttp.Response list = dave.get("/api/v1/users");
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.header("Content-Type")).startsWith("application/problem+json");
        assertThat(dave.postJson("/api/v1/users", userJson(unique("eve-"), "eve-password", "ADMIN", "root")).status()).isEqualTo(403);
        assertThat(dave.get("/admin/users").status()).isEqualTo(403);
        assertThat(dave.get("/api/v1/clusters").status()).isEqualTo(200);
    }

    @Test
    void aBrowserSessionNeedsTheCsrfTokenToChangeAnything() {
        TestHttp browser = new TestHttp(port);
        TestHttp.Response login = browser.formLogin("admin", "admin-test-password");
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).doesNotContain("error");

        assertThat(browser.get("/api/v1/me").json().path("username").asString()).isEqualTo("admin");

        TestHttp.Response withoutToken = browser.postJson("/api/v1/users", userJson(unique("mallory-"), "long-enough", "ADMIN", "root"));
        assertThat(withoutToken.status()).isEqualTo(403);

        String csrf = TestHttp.csrfOf(browser.get("/admin/users"));
        TestHttp.Response withToken = browser.postJson("/api/v1/users", userJson(unique("frank-"), "long-enough", "USER", "bob"),
                "X-CSRF-TOKEN", csrf);
        assertThat(withToken.status()).isEqualTo(201);
    }

    @Test
    void pagesRedirectToTheLoginPageAndAWrongPasswordIsRefused() {
        TestHttp anonymous = new TestHttp(port);
        TestHttp.Response home = anonymous.get("/");
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.header("Location")).endsWith("/login");

        TestHttp.Response wrong = anonymous.formLogin("admin", "not-the-password");
        assertThat(wrong.status()).isEqualTo(302);
        assertThat(wrong.header("Location")).endsWith("/login?error");
        assertThat(anonymous.get("/login?error").body()).contains("Invalid username or password.");
    }
}
