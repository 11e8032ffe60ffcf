package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Templates saved from the form (MariaDB, V10): the owner gets the form back; shared ones are offered to users of the
 * same account (bob, physics) and not to others (carol, chemistry); unshared ones to nobody else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SavedTemplatesIT {

    static final String RUN = "wb3-saved-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @AfterEach
    void removeTemplates() {
        jdbc.sql("DELETE FROM job_templates WHERE name LIKE ?").param(RUN + "%").update();
    }

    private TestHttp session(String slurmUser) {
        TestHttp http = new TestHttp(port);
        http.formLogin(TestUsers.ensure(jdbc, passwords, slurmUser), TestUsers.PASSWORD);
        return http;
    }

    private static Map<String, String> form(String csrf, LabCluster c, String templateName, boolean share) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("_csrf", csrf);
        f.put("cluster", c.name());
        f.put("name", "my-analysis");
        f.put("account", "physics");
        f.put("timeLimit", "3:00:00");
        f.put("cpusPerTask", "6");
        f.put("script", "#!/bin/bash\necho saved template\n");
        f.put("templateName", templateName);
        if (share) {
            f.put("share", "true");
        }
        return f;
    }

    /** The path and query of a redirect's Location (which may be absolute). */
    private static String pathOf(String location) {
        java.net.URI uri = java.net.URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    @Test
    void aSavedTemplateComesBackToItsOwnerAndSharedOnesToTheAccount() {
        LabCluster c = TestLab.present().getFirst();
        TestHttp alice = session("alice");
        String csrf = TestHttp.csrfOf(alice.get("/submit?cluster=" + c.name()));

        TestHttp.Response bad = alice.postForm("/submit/templates", form(csrf, c, " ", false));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"error-templateName\"");

        TestHttp.Response shared = alice.postForm("/submit/templates", form(csrf, c, RUN + "-shared", true));
        assertThat(shared.status()).isEqualTo(302);
        String sharedUrl = pathOf(shared.header("Location"));
        assertThat(sharedUrl).contains("saved=");
        TestHttp.Response mine = alice.postForm("/submit/templates", form(csrf, c, RUN + "-private", false));
        String privateUrl = pathOf(mine.header("Location"));

        String back = alice.get(sharedUrl).body();
        assertThat(back).contains("id=\"template-saved\"", "value=\"my-analysis\"", "value=\"3:00:00\"", "value=\"6\"",
                "echo saved template", RUN + "-shared", RUN + "-private");

        TestHttp bob = session("bob");
        String bobsForm = bob.get("/submit?cluster=" + c.name()).body();
        assertThat(bobsForm).contains(RUN + "-shared").doesNotContain(RUN + "-private");
        assertThat(bob.get(sharedUrl).body()).contains("value=\"3:00:00\"");
        assertThat(bob.get(privateUrl).status()).isEqualTo(404);

        TestHttp carol = session("carol");
        assertThat(carol.get("/submit?cluster=" + c.name()).body()).doesNotContain(RUN);
        assertThat(carol.get(sharedUrl).status()).isEqualTo(404);
    }

    /**
     * WB-13: a template may be shared only into an account its author is in (the check job submission makes), so
     * carol (chemistry) is never offered alice's script as if it were her account's; admins may share into any.
     * A shared template's author is named in the list.
     */
    @Test
    void aTemplateIsSharedOnlyIntoAnAccountOfItsAuthorAndTheListNamesTheAuthor() {
        LabCluster c = TestLab.present().getFirst();
        TestHttp alice = session("alice");
        String csrf = TestHttp.csrfOf(alice.get("/submit?cluster=" + c.name()));
        Map<String, String> intoChemistry = form(csrf, c, RUN + "-to-chem", true);
        intoChemistry.put("account", "chemistry");

        TestHttp.Response refused = alice.postForm("/submit/templates", intoChemistry);
        assertThat(refused.status()).as("sharing into another account").isEqualTo(400);
        assertThat(refused.body()).contains("id=\"error-account\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_templates WHERE name = ?").param(RUN + "-to-chem")
                .query(Long.class).single()).as("nothing saved").isZero();
        TestHttp carol = session("carol");
        assertThat(carol.get("/submit?cluster=" + c.name()).body()).doesNotContain(RUN);

        // Kept for herself (not shared), the account is only a value of her form: allowed, and nobody else sees it.
        intoChemistry.remove("share");
        assertThat(alice.postForm("/submit/templates", intoChemistry).status()).isEqualTo(302);
        assertThat(carol.get("/submit?cluster=" + c.name()).body()).doesNotContain(RUN);

        // An admin may share into any account; carol sees it with its author's name.
        TestHttp admin = new TestHttp(port);
        admin.formLogin("admin", "admin-test-password");
        Map<String, String> byAdmin = form(TestHttp.csrfOf(admin.get("/submit?cluster=" + c.name())), c, RUN + "-admin", true);
        byAdmin.put("account", "chemistry");
        assertThat(admin.postForm("/submit/templates", byAdmin).status()).isEqualTo(302);
        String carols = carol.get("/submit?cluster=" + c.name()).body();
        assertThat(carols).contains(RUN + "-admin").containsPattern(">[^<]*" + RUN + "-admin[^<]*<span[^>]*class=\"author\"[^>]*>[^<]*admin");

        // bob sees alice's template shared into physics with her name on it.
        assertThat(alice.postForm("/submit/templates", form(csrf, c, RUN + "-phys", true)).status()).isEqualTo(302);
        assertThat(session("bob").get("/submit?cluster=" + c.name()).body())
                .containsPattern(RUN + "-phys[^<]*<span[^>]*class=\"author\"[^>]*>[^<]*wb3-alice");
    }

    /**
     * WB-11: saved templates could be neither renamed nor deleted. Their owner may do both (a taken name is refused on
     * the field), an admin may too; another user, even of the account it is shared with, is told there is no such
     * template and nothing changes. The page offers the actions only for templates one may change.
     */
    @Test
    void aTemplateIsRenamedAndDeletedByItsOwnerOrAnAdminOnly() {
        LabCluster c = TestLab.present().getFirst();
        TestHttp alice = session("alice");
        String csrf = TestHttp.csrfOf(alice.get("/submit?cluster=" + c.name()));
        alice.postForm("/submit/templates", form(csrf, c, RUN + "-other", false));
        String url = pathOf(alice.postForm("/submit/templates", form(csrf, c, RUN + "-old", true)).header("Location"));
        long id = Long.parseLong(url.replaceAll(".*saved=", ""));
        String page = alice.get("/submit?cluster=" + c.name()).body();
        assertThat(page).contains("id=\"rename-" + id + "\"", "id=\"delete-" + id + "\"", "data-confirm=\"Delete the template");

        TestHttp bob = session("bob");
        String bobsPage = bob.get("/submit?cluster=" + c.name()).body();
        assertThat(bobsPage).contains(RUN + "-old").doesNotContain("id=\"delete-" + id + "\"");
        String bobCsrf = TestHttp.csrfOf(bob.get("/submit?cluster=" + c.name()));
        assertThat(bob.postForm("/submit/templates/" + id + "/rename", Map.of("_csrf", bobCsrf, "templateName", RUN + "-bobs"))
                .status()).isEqualTo(404);
        assertThat(bob.postForm("/submit/templates/" + id + "/delete", Map.of("_csrf", bobCsrf)).status()).isEqualTo(404);
        assertThat(names()).contains(RUN + "-old");

        TestHttp.Response taken = alice.postForm("/submit/templates/" + id + "/rename",
                Map.of("_csrf", csrf, "cluster", c.name(), "templateName", RUN + "-other"));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.body()).contains("id=\"error-templateName\"", "is the name of another of your templates");
        TestHttp.Response renamed = alice.postForm("/submit/templates/" + id + "/rename",
                Map.of("_csrf", csrf, "cluster", c.name(), "templateName", RUN + "-new"));
        assertThat(renamed.status()).isEqualTo(302);
        assertThat(alice.get(pathOf(renamed.header("Location"))).body()).contains("id=\"template-renamed\"", RUN + "-new");
        assertThat(names()).contains(RUN + "-new").doesNotContain(RUN + "-old");

        TestHttp admin = new TestHttp(port);
        admin.formLogin("admin", "admin-test-password");
        String adminCsrf = TestHttp.csrfOf(admin.get("/submit?cluster=" + c.name()));
        assertThat(admin.postForm("/submit/templates/" + id + "/rename", Map.of("_csrf", adminCsrf, "templateName", RUN + "-by-admin"))
                .status()).isEqualTo(302);
        assertThat(alice.postForm("/submit/templates/" + id + "/delete", Map.of("_csrf", csrf, "cluster", c.name())).status())
                .isEqualTo(302);
        assertThat(names()).doesNotContain(RUN + "-by-admin").contains(RUN + "-other");
        assertThat(alice.postForm("/submit/templates/" + id + "/delete", Map.of("_csrf", csrf)).status()).isEqualTo(404);
    }

    private java.util.List<String> names() {
        return jdbc.sql("SELECT name FROM job_templates WHERE name LIKE ?").param(RUN + "%").query(String.class).list();
    }
}
