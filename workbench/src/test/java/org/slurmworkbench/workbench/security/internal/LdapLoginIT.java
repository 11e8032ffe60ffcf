package org.slurmworkbench.workbench.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * LDAP login against the lab's real slapd ({@code lab/lab ldap up}): form login and HTTP basic, wrong password and
 * unknown user refused, the admin group making an admin, a local account never taken over, and a job submitted by
 * the LDAP-logged-in alice that Slurm shows as alice's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LdapLoginIT {

    static final Properties LDAP = SiteLab.ldap();
    static final List<String> PEOPLE = List.of("alice", "bob", "carol", "wbadmin", "nobody-in-ldap");

    @DynamicPropertySource
    static void ldap(DynamicPropertyRegistry registry) {
        registry.add("workbench.security.ldap.url", () -> LDAP.getProperty("LDAP_URL"));
        registry.add("workbench.security.ldap.base", () -> LDAP.getProperty("LDAP_BASE"));
        registry.add("workbench.security.ldap.user-dn-pattern", () -> LDAP.getProperty("LDAP_USER_DN_PATTERN"));
        registry.add("workbench.security.ldap.group-search-base", () -> LDAP.getProperty("LDAP_GROUP_SEARCH_BASE"));
        registry.add("workbench.security.ldap.admin-group", () -> LDAP.getProperty("LDAP_ADMIN_GROUP"));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    /** Each test starts with no workbench record of the directory's people, so first logins are first logins. */
    @BeforeEach
    @AfterEach
    void forgetPeople() {
        PEOPLE.forEach(name -> jdbc.sql("DELETE FROM users WHERE username = ?").param(name).update());
    }

    private static String password(String user) {
        return SiteLab.password(LDAP, "LDAP_PASSWORDS", user);
    }

    private Map<String, Object> row(String user) {
        return jdbc.sql("SELECT role, slurm_user, login_source, password_hash FROM users WHERE username = ?")
                .param(user).query().singleRow();
    }

    @Test
    void aliceLogsInThroughTheFormAndIsRecordedAsAnLdapUserActingAsAlice() {
        TestHttp browser = new TestHttp(port);
        TestHttp.Response login = browser.formLogin("alice", password("alice"));
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).doesNotContain("error");

        JsonNode me = browser.get("/api/v1/me").json();
        assertThat(me.path("username").asString()).isEqualTo("alice");
        assertThat(me.path("role").asString()).isEqualTo("USER");
        assertThat(me.path("slurmUser").asString()).isEqualTo("alice");
        assertThat(row("alice")).containsEntry("role", "USER").containsEntry("slurm_user", "alice")
                .containsEntry("login_source", "LDAP").containsEntry("password_hash", SiteAccounts.NO_LOCAL_PASSWORD);
        assertThat(browser.get("/").status()).isEqualTo(200);
    }

    @Test
    void aliceLogsInWithHttpBasicAndAWrongPasswordIsRefused() {
        assertThat(new TestHttp(port).basic("alice", password("alice")).get("/api/v1/me").json().path("slurmUser").asString())
                .isEqualTo("alice");

        TestHttp.Response wrong = new TestHttp(port).basic("bob", password("alice")).get("/api/v1/me");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        TestHttp.Response form = new TestHttp(port).formLogin("bob", "not-" + password("bob"));
        assertThat(form.header("Location")).endsWith("/login?error");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE username = 'bob'").query(Long.class).single()).isZero();
        // The stored marker is no password: sending it back does not log in.
        assertThat(new TestHttp(port).basic("alice", SiteAccounts.NO_LOCAL_PASSWORD).get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void theAdminGroupMakesWbadminAnAdminAndOthersStayUsers() {
        TestHttp wbadmin = new TestHttp(port).basic("wbadmin", password("wbadmin"));
        assertThat(wbadmin.get("/api/v1/me").json().path("role").asString()).isEqualTo("ADMIN");
        assertThat(wbadmin.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(row("wbadmin")).containsEntry("role", "ADMIN").containsEntry("slurm_user", "wbadmin");

        TestHttp carol = new TestHttp(port).basic("carol", password("carol"));
        assertThat(carol.get("/api/v1/me").json().path("role").asString()).isEqualTo("USER");
        assertThat(carol.get("/api/v1/users").status()).isEqualTo(403);
    }

    @Test
    void aUserMissingFromTheDirectoryIsRefusedAndLeavesNoRecord() {
        TestHttp.Response r = new TestHttp(port).basic("nobody-in-ldap", "whatever-password").get("/api/v1/me");
        assertThat(r.status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE username = 'nobody-in-ldap'").query(Long.class).single()).isZero();
    }

    @Test
    void aLocalAccountOfTheSameNameIsNotTakenOverByTheDirectory() {
        jdbc.sql("INSERT INTO users (username, password_hash, role, slurm_user, enabled) VALUES ('carol', ?, 'USER', 'bob', TRUE)")
                .param(passwords.encode("carol-local-password")).update();

        assertThat(new TestHttp(port).basic("carol", password("carol")).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(row("carol")).containsEntry("login_source", "LOCAL").containsEntry("slurm_user", "bob");
        assertThat(new TestHttp(port).basic("carol", "carol-local-password").get("/api/v1/me").json().path("slurmUser").asString())
                .isEqualTo("bob");
    }

    @Test
    void aJobSubmittedByTheLdapLoggedInAliceIsAlicesInSlurm() {
        LabCluster cluster = TestLab.present().getFirst();
        TestHttp alice = new TestHttp(port).basic("alice", password("alice"));
        String name = "wb6-ldap-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        TestHttp.Response submitted = alice.postJson("/api/v1/clusters/" + cluster.name() + "/jobs", """
                {"name": "%s", "script": "#!/bin/bash\\nsleep 2\\n", "timeLimit": "1"}""".formatted(name));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = Long.toString(submitted.json().path("jobId").asLong());
        try {
            Map<String, String> job = LabShell.showJob(cluster, id);
            assertThat(job).containsEntry("JobName", name);
            assertThat(job.get("UserId")).startsWith("alice(");
            assertThat(LabShell.jobIdsNamed(cluster, name)).containsExactly(id);
        } finally {
            LabShell.run(cluster, "scancel", id);
        }
    }
}
