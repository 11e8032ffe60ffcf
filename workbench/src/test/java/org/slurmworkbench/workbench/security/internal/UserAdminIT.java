package org.slurmworkbench.workbench.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * User administration through the API, as an admin does it, checked by what the user can then do: an edit of role and
 * Slurm user shows at the user's next request (remembered basic-auth logins too) and ends their sessions; a disabled
 * user cannot log in by form or basic auth; a reset password replaces the old one at once; a deleted user is gone. A
 * Slurm user slurmdbd does not know, a short password and acting on oneself are refused, and each attempt is audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserAdminIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private final List<String> created = new java.util.ArrayList<>();

    @AfterEach
    void removeCreatedUsers() {
        created.forEach(name -> jdbc.sql("DELETE FROM users WHERE username = ?").param(name).update());
    }

    private TestHttp admin() {
        return new TestHttp(port).basic("admin", "admin-test-password");
    }

    private String addUser(String slurmUser) {
        String name = "wb11-u-" + Long.toString(System.nanoTime(), 36);
        created.add(name);
        TestHttp.Response r = admin().postJson("/api/v1/users", """
                {"username": "%s", "password": "first-password", "role": "USER", "slurmUser": "%s"}""".formatted(name, slurmUser));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return name;
    }

    private List<String> audit(String name) {
        return jdbc.sql("SELECT CONCAT(action, ' ', outcome) FROM user_audit WHERE username = ? ORDER BY id")
                .param(name).query(String.class).list();
    }

    @Test
    void anEditShowsAtOnceAndEndsTheUsersSessions() {
        String name = addUser("alice");
        TestHttp basic = new TestHttp(port).basic(name, "first-password");
        assertThat(basic.get("/api/v1/me").json().path("slurmUser").asString()).isEqualTo("alice");
        TestHttp session = new TestHttp(port);
        assertThat(session.formLogin(name, "first-password").header("Location")).doesNotContain("error");
        assertThat(session.get("/api/v1/me").status()).isEqualTo(200);

        TestHttp.Response edited = admin().patchJson("/api/v1/users/" + name, "{\"role\": \"ADMIN\", \"slurmUser\": \"bob\"}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("role").asString()).isEqualTo("ADMIN");

        var me = basic.get("/api/v1/me").json();
        assertThat(me.path("role").asString()).as("the remembered login sees the edit").isEqualTo("ADMIN");
        assertThat(me.path("slurmUser").asString()).isEqualTo("bob");
        assertThat(session.get("/api/v1/me").status()).as("the session has ended").isEqualTo(401);
        assertThat(audit(name)).containsExactly("CREATE DONE", "EDIT DONE");
    }

    @Test
    void aSlurmUserSlurmdbdDoesNotKnowIsRefusedNamingTheField() {
        String name = addUser("carol");
        TestHttp.Response r = admin().patchJson("/api/v1/users/" + name, "{\"slurmUser\": \"nobody-wb11\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("slurmUser");
        assertThat(r.json().path("errors").get(0).path("message").asString()).contains("slurmdbd").contains("alice");
        assertThat(admin().patchJson("/api/v1/users/" + name, "{\"slurmUser\": \"not valid!\"}").status()).isEqualTo(400);
        TestHttp.Response add = admin().postJson("/api/v1/users",
                "{\"username\": \"wb11-nobody\", \"password\": \"long-enough\", \"role\": \"USER\", \"slurmUser\": \"nobody-wb11\"}");
        assertThat(add.status()).as(add.body()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT slurm_user FROM users WHERE username = ?").param(name).query(String.class).single())
                .isEqualTo("carol");
        assertThat(audit(name)).containsExactly("CREATE DONE", "EDIT REFUSED");
    }

    @Test
    void aDisabledUserCannotLogInUntilEnabledAgain() {
        String name = addUser("alice");
        TestHttp basic = new TestHttp(port).basic(name, "first-password");
        assertThat(basic.get("/api/v1/me").status()).isEqualTo(200);
        TestHttp session = new TestHttp(port);
        session.formLogin(name, "first-password");

        assertThat(admin().patchJson("/api/v1/users/" + name, "{\"enabled\": false}").status()).isEqualTo(200);
        assertThat(basic.get("/api/v1/me").status()).as("basic auth, remembered a moment ago").isEqualTo(401);
        assertThat(session.get("/api/v1/me").status()).as("the session has ended").isEqualTo(401);
        assertThat(new TestHttp(port).formLogin(name, "first-password").header("Location")).contains("error");

        assertThat(admin().patchJson("/api/v1/users/" + name, "{\"enabled\": true}").status()).isEqualTo(200);
        assertThat(basic.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(audit(name)).containsExactly("CREATE DONE", "DISABLE DONE", "ENABLE DONE");
    }

    @Test
    void aResetPasswordReplacesTheOldOneAtOnce() {
        String name = addUser("bob");
        assertThat(new TestHttp(port).basic(name, "first-password").get("/api/v1/me").status()).isEqualTo(200);

        TestHttp.Response generated = admin().postJson("/api/v1/users/" + name + "/password", "{}");
        assertThat(generated.status()).as(generated.body()).isEqualTo(200);
        String password = generated.json().path("password").asString();
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        assertThat(new TestHttp(port).basic(name, "first-password").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(new TestHttp(port).basic(name, password).get("/api/v1/me").status()).isEqualTo(200);

        TestHttp.Response tooShort = admin().postJson("/api/v1/users/" + name + "/password", "{\"password\": \"short\"}");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
        assertThat(admin().postJson("/api/v1/users/" + name + "/password", "{\"password\": \"typed-by-admin\"}").status())
                .isEqualTo(204);
        assertThat(new TestHttp(port).basic(name, "typed-by-admin").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(audit(name)).containsExactly("CREATE DONE", "RESET_PASSWORD DONE", "RESET_PASSWORD DONE");
        assertThat(jdbc.sql("SELECT details FROM user_audit WHERE username = ?").param(name).query(String.class).list())
                .as("no password in the audit").noneMatch(d -> d.contains(password) || d.contains("typed-by-admin"));
    }

    @Test
    void anAdminCannotDeleteDisableOrDemoteThemselfButDeletesAnother() {
        TestHttp.Response self = admin().delete("/api/v1/users/admin");
        assertThat(self.status()).as(self.body()).isEqualTo(409);
        assertThat(self.header("Content-Type")).startsWith("application/problem+json");
        assertThat(self.json().path("detail").asString()).contains("yourself");
        assertThat(admin().patchJson("/api/v1/users/admin", "{\"role\": \"USER\"}").status()).isEqualTo(409);
        assertThat(admin().patchJson("/api/v1/users/admin", "{\"enabled\": false}").status()).isEqualTo(409);
        assertThat(admin().get("/api/v1/me").json().path("role").asString()).isEqualTo("ADMIN");

        String name = addUser("alice");
        TestHttp basic = new TestHttp(port).basic(name, "first-password");
        assertThat(basic.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(admin().delete("/api/v1/users/" + name).status()).isEqualTo(204);
        assertThat(basic.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(admin().get("/api/v1/users/" + name).status()).isEqualTo(404);
        assertThat(admin().delete("/api/v1/users/" + name).status()).isEqualTo(404);
        assertThat(audit(name)).containsExactly("CREATE DONE", "DELETE DONE");
    }
}
