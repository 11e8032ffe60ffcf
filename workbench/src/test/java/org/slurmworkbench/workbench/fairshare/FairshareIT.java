package org.slurmworkbench.workbench.fairshare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * The fairshare API against {@code sshare -a -l -P} on the same slurmctld (24.11, 26.05): every account and user row
 * with raw shares, normalized shares, raw, normalized and effective usage, fairshare factor and level FS, to the six
 * decimals sshare prints. Usage moves (decay, jobs of other tests), so sshare is read before and after the app and the
 * app's value must lie between the two readings. 22.05's REST API has no /shares: 501 and a plain sentence on the page.
 * Who sees which user rows; unknown clusters. The app reads /shares afresh for every request here (ttl 0).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"workbench.fairshare.ttl=0s", "workbench.security.coordinator-ttl=1s"})
class FairshareIT {

    /** Half a unit in the sixth decimal: sshare's printed precision. */
    static final double PRINTED = 0.5e-6;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    TestHttp admin;

    @BeforeEach
    void client() {
        admin = new TestHttp(port).basic("admin", "admin-test-password");
    }

    @Test
    void theTreeEqualsSshareOrIsNotOfferedOn2205() throws InterruptedException {
        TestLab.onEveryReleaseAtOnce(lab -> {
            String path = "/api/v1/clusters/" + lab.name() + "/fairshare";
            if (lab.series().equals("22.05")) {
                TestHttp.Response r = admin.get(path);
                assertThat(r.status()).as(r.body()).isEqualTo(501);
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                assertThat(r.json().path("title").asString()).isEqualTo("Not offered by this Slurm version");
                assertThat(r.json().path("detail").asString()).contains("does not offer fairshare");
                TestHttp.Response page = admin.get("/fairshare?cluster=" + lab.name() + "&lang=en");
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body()).contains("id=\"fairshare-not-offered\"").contains("does not offer fairshare")
                        .doesNotContain("id=\"fairshare-tree\"");
                return;
            }
            List<Sshare> before = Sshare.read(lab);
            TestHttp.Response r = admin.get(path);
            List<Sshare> after = Sshare.read(lab);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode tree = r.json();
            assertThat(tree.path("scope").asString()).isEqualTo("all");
            assertThat(tree.path("apiVersion").asString()).isEqualTo(TestLab.API_VERSION.get(lab.series()));
            Map<String, JsonNode> app = new LinkedHashMap<>();
            flatten(tree.path("root"), app);
            Map<String, Sshare> then = new LinkedHashMap<>();
            before.forEach(s -> then.put(s.key(), s));
            Map<String, Sshare> now = new LinkedHashMap<>();
            after.forEach(s -> now.put(s.key(), s));
            assertThat(app.keySet()).as("%s: the rows of sshare -a -l, in its order", lab).containsExactlyElementsOf(now.keySet());
            List<String> mismatches = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : app.entrySet()) {
                Sshare b = then.getOrDefault(e.getKey(), now.get(e.getKey()));
                Sshare a = now.get(e.getKey());
                JsonNode n = e.getValue();
                String row = lab.series() + " " + e.getKey();
                check(mismatches, row, "RawShares", n.path("rawShares"), b.rawShares(), a.rawShares(), 0);
                check(mismatches, row, "NormShares", n.path("normShares"), b.normShares(), a.normShares(), PRINTED);
                check(mismatches, row, "RawUsage", n.path("rawUsage"), b.rawUsage(), a.rawUsage(), 0);
                check(mismatches, row, "NormUsage", n.path("normUsage"), b.normUsage(), a.normUsage(), PRINTED);
                check(mismatches, row, "EffectvUsage", n.path("effectiveUsage"), b.effectiveUsage(), a.effectiveUsage(), PRINTED);
                check(mismatches, row, "FairShare", n.path("fairshare"), b.fairshare(), a.fairshare(), PRINTED);
                if (n.path("levelFsInfinite").asBoolean()) {
                    if (!a.levelFs().equals("inf") && !b.levelFs().equals("inf")) {
                        mismatches.add(row + " LevelFS: app inf, sshare " + b.levelFs() + " / " + a.levelFs());
                    }
                } else {
                    check(mismatches, row, "LevelFS", n.path("levelFs"), b.levelFs(), a.levelFs(), PRINTED);
                }
            }
            assertThat(mismatches).as("%s: app vs sshare -a -l -P (before / after)", lab).isEmpty();
        });
    }

    @Test
    void aUserSeesEveryAccountButOnlyHisOwnUserRowsACoordinatorThoseOfHisAccounts() {
        LabCluster lab = TestLab.present().getLast();
        String path = "/api/v1/clusters/" + lab.name() + "/fairshare";
        JsonNode asAlice = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD).get(path).json();
        assertThat(asAlice.path("scope").asString()).isEqualTo("own");
        assertThat(accounts(asAlice)).as("every account").containsAll(accounts(admin.get(path).json()));
        assertThat(users(asAlice)).containsExactly("physics|alice");
        assertThat(hidden(asAlice, "physics")).as("bob, hidden from alice").isEqualTo(1);
        assertThat(hidden(asAlice, "chemistry")).as("carol").isEqualTo(1);

        TestHttp bob = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "bob"), TestUsers.PASSWORD);
        assertThat(users(bob.get(path).json())).containsExactly("physics|bob");
        LabShell.run(lab, "sacctmgr", "-i", "add", "coordinator", "account=physics", "names=bob");
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            List<String> seen;
            while (!(seen = users(bob.get(path).json())).contains("physics|alice") && System.currentTimeMillis() < deadline) {
                sleep(1000);
            }
            assertThat(seen).as("bob coordinates physics").containsExactlyInAnyOrder("physics|alice", "physics|bob");
            assertThat(hidden(bob.get(path).json(), "physics")).isZero();
        } finally {
            LabShell.run(lab, "sacctmgr", "-i", "remove", "coordinator", "account=physics", "names=bob");
        }
        String page = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "carol"), TestUsers.PASSWORD).get("/fairshare?cluster=" + lab.name() + "&lang=en").body();
        assertThat(page).contains("id=\"fs-user-chemistry-carol\"").doesNotContain("id=\"fs-user-physics-alice\"")
                .contains("id=\"fs-account-physics\"");
    }

    @Test
    void unknownClustersAre404() {
        assertThat(admin.get("/api/v1/clusters/no-such-cluster/fairshare").status()).isEqualTo(404);
        assertThat(admin.get("/fairshare?cluster=no-such-cluster").status()).isEqualTo(404);
        assertThat(new TestHttp(port).get("/api/v1/clusters/no-such-cluster/fairshare").status()).isEqualTo(401);
        LabCluster lab = TestLab.present().getLast();
        TestHttp.Response page = admin.get("/fairshare?cluster=" + lab.name() + "&lang=zh");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("公平份额").contains("id=\"fairshare-tree\"");
    }

    /** The app's value between sshare's two readings, to {@code tolerance}; empty in sshare is null in the app. */
    private static void check(List<String> mismatches, String row, String column, JsonNode app, String before, String after,
                              double tolerance) {
        boolean unset = app.isNull() || app.isMissingNode();
        if (before.isEmpty() || after.isEmpty()) {
            if (!(unset && before.isEmpty() && after.isEmpty())) {
                mismatches.add(row + " " + column + ": app " + app + ", sshare '" + before + "' / '" + after + "'");
            }
            return;
        }
        double b = Double.parseDouble(before);
        double a = Double.parseDouble(after);
        if (unset || app.asDouble() < Math.min(a, b) - tolerance || app.asDouble() > Math.max(a, b) + tolerance) {
            mismatches.add(row + " " + column + ": app " + app + ", sshare " + before + " / " + after);
        }
    }

    /** account|user keys (user empty for an account), depth first as sshare lists them. */
    static void flatten(JsonNode node, Map<String, JsonNode> out) {
        out.put(node.path("account").asString() + "|" + (node.path("user").isNull() ? "" : node.path("user").asString()), node);
        node.path("children").forEach(c -> flatten(c, out));
    }

    private static List<String> users(JsonNode tree) {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        flatten(tree.path("root"), all);
        return all.keySet().stream().filter(k -> !k.endsWith("|")).filter(k -> !k.equals("root|root")).toList();
    }

    private static List<String> accounts(JsonNode tree) {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        flatten(tree.path("root"), all);
        return all.keySet().stream().filter(k -> k.endsWith("|")).toList();
    }

    private static int hidden(JsonNode tree, String account) {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        flatten(tree.path("root"), all);
        return all.get(account + "|").path("hiddenUsers").asInt();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
