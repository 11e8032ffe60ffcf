package org.slurmworkbench.workbench.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * The node and reservation API on every lab release against {@code scontrol} on the same slurmctld: every node's
 * CPUs, memory, features, GRES and partitions; a drain set through the app shows in {@code scontrol show node} with
 * its reason and who set it, and resume brings the node back (24.11, 26.05; 22.05's REST API has no node update and
 * answers 501, leaving the node as it was); a reservation made with scontrol equals {@code scontrol show res} and is
 * marked on the node and the dashboard's grid; an admin creates a maintenance reservation through the API and the page
 * on 26.05 (as scontrol show res shows it, logged), deletes it (gone from scontrol), a user is refused everywhere, 22.05
 * and 24.11 answer 501 and their page says so; the jobs on a node are those the viewer may see. Every change to the
 * shared lab is undone in a finally block.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class NodesIT {

    static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

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
    void nodesEqualScontrolShowNode() throws InterruptedException {
        TestLab.onEveryReleaseAtOnce(lab -> {
            TestHttp.Response r = admin.get("/api/v1/clusters/" + lab.name() + "/nodes");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().size()).as("%s: nodes", lab).isGreaterThan(0);
            for (JsonNode n : r.json()) {
                String name = n.path("name").asString();
                Map<String, String> sc = ScontrolNode.node(lab, name);
                String what = lab + " " + name;
                assertThat(n.path("cpus").asInt()).as("%s CPUTot", what).isEqualTo(Integer.parseInt(sc.get("CPUTot")));
                assertThat(n.path("memory").path("realMib").asLong()).as("%s RealMemory", what).isEqualTo(Long.parseLong(sc.get("RealMemory")));
                assertThat(strings(n.path("features"))).as("%s AvailableFeatures", what).isEqualTo(list(sc.get("AvailableFeatures")));
                assertThat(strings(n.path("activeFeatures"))).as("%s ActiveFeatures", what).isEqualTo(list(sc.get("ActiveFeatures")));
                assertThat(strings(n.path("partitions"))).as("%s Partitions", what).isEqualTo(list(sc.get("Partitions")));
                String gres = n.path("gres").valueStream().map(g -> g.path("name").asString()
                        + (g.path("type").isNull() ? "" : ":" + g.path("type").asString()) + ":" + g.path("count").asLong())
                        .collect(Collectors.joining(","));
                assertThat(gres).as("%s Gres", what).isEqualTo(sc.get("Gres").equals("(null)") ? "" : sc.get("Gres").replaceAll("\\(.*?\\)", ""));
                assertThat(stable(states(n))).as("%s State", what).isEqualTo(stable(states(sc.get("State"))));
                assertThat(n.path("actions").path("offered").asBoolean()).as("%s node update offered", what)
                        .isEqualTo(!lab.series().equals("22.05"));
            }
            TestHttp.Response one = admin.get("/api/v1/clusters/" + lab.name() + "/nodes/" + r.json().get(0).path("name").asString());
            assertThat(one.status()).as(one.body()).isEqualTo(200);
        });
    }

    @Test
    void aDrainThroughTheAppShowsInScontrolAndResumeUndoesIt() throws InterruptedException {
        TestLab.onEveryReleaseAtOnce(lab -> {
            String node = idleNode(lab, "c2", "g2", "c1");
            String reason = "wb10 test drain " + lab.series() + " " + RUN;
            String path = "/api/v1/clusters/" + lab.name() + "/nodes/" + node;
            try {
                TestHttp.Response drain = admin.postJson(path + "/drain", "{\"reason\": \"" + reason + "\"}");
                if (lab.series().equals("22.05")) {
                    assertThat(drain.status()).as(drain.body()).isEqualTo(501);
                    assertThat(drain.json().path("title").asString()).isEqualTo("Not offered by this Slurm version");
                    assertThat(drain.json().path("detail").asString()).contains("does not offer node updates");
                    assertThat(ScontrolNode.node(lab, node).get("State")).as("left as it was").doesNotContain("DRAIN");
                    assertThat(admin.postJson(path + "/resume", "").status()).isEqualTo(501);
                    return;
                }
                assertThat(drain.status()).as("%s: %s", lab, drain.body()).isEqualTo(204);
                Map<String, String> sc = ScontrolNode.node(lab, node);
                assertThat(sc.get("State")).as("%s State", lab).contains("DRAIN");
                assertThat(sc.get("Reason")).as("%s Reason", lab).startsWith(reason + " [wbadmin@");
                JsonNode detail = admin.get(path).json();
                assertThat(detail.path("state").asString()).isIn("drained", "draining");
                assertThat(detail.path("reason").asString()).isEqualTo(reason);
                assertThat(detail.path("reasonSetBy").asString()).isEqualTo("wbadmin");
                Instant at = Instant.parse(detail.path("reasonChangedAt").asString());
                String scAt = sc.get("Reason").replaceAll(".*@(\\S+)]$", "$1");
                assertThat(at).as("%s reason time", lab).isEqualTo(LocalDateTime.parse(scAt).atZone(ZoneId.systemDefault()).toInstant());
                assertThat(states(detail)).isEqualTo(states(sc.get("State")));
                assertThat(detail.path("actions").path("drain").asBoolean()).isFalse();
                assertThat(detail.path("actions").path("resume").asBoolean()).isTrue();
                TestHttp.Response again = admin.postJson(path + "/drain", "{\"reason\": \"again\"}");
                assertThat(again.status()).as("drain of a drained node: %s", again.body()).isEqualTo(409);

                TestHttp.Response resume = admin.postJson(path + "/resume", "");
                assertThat(resume.status()).as(resume.body()).isEqualTo(204);
                Map<String, String> after = ScontrolNode.node(lab, node);
                assertThat(after.get("State")).as("%s State after resume", lab).doesNotContain("DRAIN").startsWith("IDLE");
                assertThat(admin.get(path).json().path("state").asString()).isEqualTo("idle");
                assertThat(admin.postJson(path + "/resume", "").status()).as("resume of an idle node").isEqualTo(409);
            } finally {
                if (ScontrolNode.node(lab, node).getOrDefault("Reason", "").startsWith(reason)) {
                    LabShell.run(lab, "scontrol", "update", "nodename=" + node, "state=resume");
                }
            }
        });
    }

    @Test
    void reservationsEqualScontrolShowResAndAreMarkedOnTheGrid() throws InterruptedException {
        TestLab.onEveryReleaseAtOnce(lab -> {
            String name = "wb10-res-" + lab.series().replace(".", "") + "-" + RUN;
            String made = LabShell.run(lab, "scontrol", "create", "reservation", "reservationname=" + name, "user=alice",
                    "starttime=now+1hour", "duration=10", "nodes=c1", "flags=maint");
            try {
                assertThat(made).as("%s: %s", lab, made).contains("Reservation created");
                Map<String, String> sc = ScontrolNode.reservation(lab, name);
                JsonNode r = reservation(lab, name);
                assertThat(r.path("nodes").asString()).isEqualTo(sc.get("Nodes"));
                assertThat(r.path("nodeCount").asInt()).isEqualTo(Integer.parseInt(sc.get("NodeCnt")));
                assertThat(strings(r.path("users"))).isEqualTo(list(sc.get("Users")));
                assertThat(new TreeSet<>(strings(r.path("flags")))).isEqualTo(new TreeSet<>(list(sc.get("Flags"))));
                assertThat(r.path("tres").asString()).isEqualTo(sc.get("TRES"));
                assertThat(Instant.parse(r.path("start").asString())).isEqualTo(local(sc.get("StartTime")));
                assertThat(Instant.parse(r.path("end").asString())).isEqualTo(local(sc.get("EndTime")));
                String partition = sc.get("PartitionName");
                assertThat(r.path("partition").isNull() ? "(null)" : r.path("partition").asString()).isEqualTo(partition);
                JsonNode one = admin.get("/api/v1/clusters/" + lab.name() + "/reservations/" + name).json();
                assertThat(one.path("name").asString()).isEqualTo(name);
                assertThat(strings(admin.get("/api/v1/clusters/" + lab.name() + "/nodes/c1").json().path("reservations"))).contains(name);
                assertThat(gridMarks(lab, "c1")).as("%s: grid marks c1", lab).contains(name);
            } finally {
                LabShell.run(lab, "scontrol", "delete", "reservation=" + name);
            }
        });
    }

    @Test
    void anAdminCreatesAndDeletesAMaintenanceReservationWhereTheApiOffersItAUserNever(CapturedOutput log) throws InterruptedException {
        TestHttp alice = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        TestLab.onEveryReleaseAtOnce(lab -> {
            String name = "wb10-mk-" + lab.series().replace(".", "") + "-" + RUN;
            String onPage = name + "-page";
            String path = "/api/v1/clusters/" + lab.name() + "/reservations";
            Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            String body = """
                    {"name": "%s", "start": "%s", "duration": 10, "nodes": "c1", "users": ["root", "alice"],
                     "flags": ["MAINT", "IGNORE_JOBS"]}""".formatted(name, start);
            try {
                TestHttp.Response refused = alice.postJson(path, body);
                assertThat(refused.status()).as("%s: a user creates: %s", lab, refused.body()).isEqualTo(403);
                assertThat(ScontrolNode.reservation(lab, name)).as("%s: nothing created for a user", lab).isEmpty();
                if (!lab.series().equals("26.05")) {
                    TestHttp.Response notOffered = admin.postJson(path, body);
                    assertThat(notOffered.status()).as("%s: %s", lab, notOffered.body()).isEqualTo(501);
                    assertThat(notOffered.json().path("title").asString()).isEqualTo("Not offered by this Slurm version");
                    assertThat(notOffered.json().path("detail").asString()).contains("does not offer reservation changes");
                    assertThat(ScontrolNode.reservation(lab, name)).as("%s: nothing created", lab).isEmpty();
                    assertThat(LabShell.run(lab, "scontrol", "create", "reservation", "reservationname=" + name, "user=root",
                            "starttime=now+2hours", "duration=10", "nodes=c1", "flags=maint")).contains("Reservation created");
                    assertThat(admin.delete(path + "/" + name).status()).as("%s: delete", lab).isEqualTo(501);
                    assertThat(alice.delete(path + "/" + name).status()).as("%s: a user deletes", lab).isEqualTo(403);
                    assertThat(ScontrolNode.reservation(lab, name)).as("%s: still there", lab).containsEntry("ReservationName", name);
                    String page = admin.get("/reservations?cluster=" + lab.name() + "&lang=en").body();
                    assertThat(page).as("%s: the page says so", lab).contains("id=\"reservations-not-offered\"")
                            .doesNotContain("id=\"reservation-form\"").doesNotContain("id=\"delete-" + name + "\"");
                    return;
                }
                // 26.05: created through the API, as scontrol show res shows it
                TestHttp.Response made = admin.postJson(path, body);
                assertThat(made.status()).as("%s: %s", lab, made.body()).isEqualTo(201);
                assertThat(made.header("Location")).isEqualTo(path + "/" + name);
                Map<String, String> sc = ScontrolNode.reservation(lab, name);
                JsonNode r = made.json();
                assertThat(r.path("nodes").asString()).isEqualTo(sc.get("Nodes")).isEqualTo("c1");
                assertThat(strings(r.path("users"))).isEqualTo(list(sc.get("Users"))).containsExactlyInAnyOrder("root", "alice");
                assertThat(new TreeSet<>(strings(r.path("flags")))).isEqualTo(new TreeSet<>(list(sc.get("Flags"))))
                        .contains("MAINT", "IGNORE_JOBS");
                assertThat(Instant.parse(r.path("start").asString())).isEqualTo(local(sc.get("StartTime"))).isEqualTo(start);
                assertThat(Instant.parse(r.path("end").asString())).isEqualTo(local(sc.get("EndTime"))).isEqualTo(start.plus(Duration.ofMinutes(10)));
                assertThat(r.path("tres").asString()).isEqualTo(sc.get("TRES"));
                assertThat(reservation(lab, name).path("nodes").asString()).isEqualTo("c1");
                assertThat(log.getAll()).contains("Reservation " + name + " created on " + lab.name() + " by admin (Slurm user wbadmin)");
                TestHttp.Response again = admin.postJson(path, body);
                assertThat(again.status()).as("the name is taken: %s", again.body()).isEqualTo(409);
                assertThat(again.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
                assertThat(alice.delete(path + "/" + name).status()).as("a user deletes").isEqualTo(403);
                assertThat(ScontrolNode.reservation(lab, name)).as("still there").containsEntry("ReservationName", name);
                assertThat(admin.delete(path + "/" + name).status()).isEqualTo(204);
                assertThat(ScontrolNode.reservation(lab, name)).as("gone").isEmpty();
                assertThat(admin.get(path + "/" + name).status()).isEqualTo(404);
                assertThat(log.getAll()).contains("Reservation " + name + " deleted on " + lab.name() + " by admin (Slurm user wbadmin)");

                // the same through the page: its form, then its delete button
                TestHttp session = new TestHttp(port);
                session.formLogin("admin", "admin-test-password");
                String list = "/reservations?cluster=" + lab.name();
                String csrf = TestHttp.csrfOf(session.get(list));
                Map<String, String> form = new LinkedHashMap<>(Map.of("_csrf", csrf, "name", onPage, "start",
                        start.toString().substring(0, 16), "duration", "10", "nodes", "c2", "users", "root, alice",
                        "flags", "MAINT,IGNORE_JOBS"));
                assertThat(session.postForm("/reservations/" + lab.name(), form).header("Location")).endsWith(list);
                String page = session.get(list + "&lang=en").body();
                assertThat(page).contains("id=\"reservation-created\"").contains("id=\"reservation-" + onPage + "\"");
                Map<String, String> scPage = ScontrolNode.reservation(lab, onPage);
                assertThat(scPage.get("Nodes")).isEqualTo("c2");
                assertThat(list(scPage.get("Users"))).containsExactlyInAnyOrder("root", "alice");
                assertThat(list(scPage.get("Flags"))).contains("MAINT", "IGNORE_JOBS");
                assertThat(local(scPage.get("StartTime"))).isEqualTo(start);
                assertThat(page).contains("data-confirm=\"Delete reservation " + onPage + "?");
                assertThat(session.postForm("/reservations/" + lab.name() + "/" + onPage + "/delete", Map.of("_csrf", csrf))
                        .header("Location")).endsWith(list);
                assertThat(session.get(list + "&lang=en").body()).contains("id=\"reservation-deleted\"");
                assertThat(ScontrolNode.reservation(lab, onPage)).as("deleted from the page").isEmpty();

                // Slurm's refusal (a user it does not know) in plain words, its own message folded away; both languages
                form.put("users", "wbnosuchuser");
                session.postForm("/reservations/" + lab.name(), form);
                String refusal = session.get(list + "&lang=zh").body();
                assertThat(refusal).contains("id=\"reservation-refusal\"").contains("通常是它不认识所填的某个用户或账户")
                        .contains("Error creating reservation").contains("value=\"wbnosuchuser\"");
                assertThat(ScontrolNode.reservation(lab, onPage)).as("refused: nothing created").isEmpty();
                form.put("nodes", "c9");
                session.postForm("/reservations/" + lab.name(), form);
                assertThat(session.get(list + "&lang=en").body()).contains("id=\"error-nodes\"").contains("names nodes the cluster does not have: c9");
            } finally {
                for (String n : List.of(name, onPage)) {
                    if (!ScontrolNode.reservation(lab, n).isEmpty()) {
                        LabShell.run(lab, "scontrol", "delete", "reservation=" + n);
                    }
                }
            }
        });
    }

    @Test
    void theJobsOnANodeAreThoseTheViewerMaySee() throws InterruptedException {
        String alice = TestUsers.ensure(jdbc, passwords, "alice");
        String carol = TestUsers.ensure(jdbc, passwords, "carol");
        LabCluster lab = TestLab.present().getLast();
        String id = LabShell.sbatch(lab, "alice", "wb10-node-" + RUN, "-w", "c1", "-n", "1");
        try {
            String path = "/api/v1/clusters/" + lab.name() + "/nodes/c1";
            long deadline = System.currentTimeMillis() + 60_000;
            while (!jobIds(admin.get(path).json()).contains(id)) {
                assertThat(System.currentTimeMillis()).as("job %s on c1", id).isLessThan(deadline);
                Thread.sleep(1000);
            }
            JsonNode job = admin.get(path).json().path("jobs").valueStream().filter(j -> j.path("id").asString().equals(id)).findFirst().orElseThrow();
            assertThat(job.path("page").asString()).isEqualTo("/submit/jobs/" + lab.name() + "/" + id);
            assertThat(job.path("user").asString()).isEqualTo("alice");
            assertThat(jobIds(new TestHttp(port).basic(alice, TestUsers.PASSWORD).get(path).json())).contains(id);
            JsonNode asCarol = new TestHttp(port).basic(carol, TestUsers.PASSWORD).get(path).json();
            assertThat(jobIds(asCarol)).as("carol, another account").doesNotContain(id);
            assertThat(asCarol.path("actions").isNull() || asCarol.path("actions").isMissingNode()).as("no actions for users").isTrue();
        } finally {
            LabShell.run(lab, "scancel", id);
        }
    }

    @Test
    void badInputIsA400NamingTheFieldAndUnknownsA404() {
        LabCluster lab = TestLab.present().getLast();
        String c = "/api/v1/clusters/" + lab.name() + "/nodes/";
        String node = idleNode(lab, "c2", "g2", "c1");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("", "reason");
        bad.put("{}", "reason");
        bad.put("{\"reason\": \"   \"}", "reason");
        bad.put("{\"reason\": \"" + "x".repeat(201) + "\"}", "reason");
        bad.put("{\"reason\": \"two\\nlines\"}", "reason");
        bad.put("{\"reason\": 5}", "reason");
        Map<String, String> badReservations = new LinkedHashMap<>();
        badReservations.put("{}", "name");
        badReservations.put("{\"name\": \"a b\", \"duration\": 5, \"nodes\": \"c1\", \"users\": \"root\"}", "name");
        badReservations.put("{\"name\": \"wb10-bad\", \"duration\": \"soon\", \"nodes\": \"c1\", \"users\": \"root\"}", "duration");
        badReservations.put("{\"name\": \"wb10-bad\", \"duration\": 5, \"nodes\": \"c[1-\", \"users\": \"root\"}", "nodes");
        badReservations.put("{\"name\": \"wb10-bad\", \"duration\": 5, \"nodes\": \"c1\"}", "users");
        badReservations.put("{\"name\": \"wb10-bad\", \"start\": \"2001-01-01T00:00\", \"duration\": 5, \"nodes\": \"c1\", \"users\": \"root\"}", "start");
        badReservations.put("{\"name\": \"wb10-bad\", \"duration\": 5, \"nodes\": \"c1\", \"users\": \"root\", \"flags\": [\"REPLACE\"]}", "flags");
        badReservations.put("{\"name\": \"wb10-bad\", \"duration\": 5, \"nodes\": \"c1\", \"users\": {\"x\": 1}}", "users");
        for (Map.Entry<String, String> b : badReservations.entrySet()) {
            TestHttp.Response r = admin.postJson("/api/v1/clusters/" + lab.name() + "/reservations", b.getKey());
            assertThat(r.status()).as("%s -> %s", b.getKey(), r.body()).isEqualTo(400);
            assertThat(r.json().path("errors").get(0).path("field").asString()).as(b.getKey()).isEqualTo(b.getValue());
        }
        assertThat(ScontrolNode.reservation(lab, "wb10-bad")).as("nothing created").isEmpty();
        try {
            for (Map.Entry<String, String> b : bad.entrySet()) {
                TestHttp.Response r = admin.postJson(c + node + "/drain", b.getKey());
                assertThat(r.status()).as("%s -> %s", b.getKey(), r.body()).isEqualTo(400);
                assertThat(r.json().path("errors").get(0).path("field").asString()).as(b.getKey()).isEqualTo(b.getValue());
            }
            assertThat(ScontrolNode.node(lab, node).get("State")).as("nothing drained").doesNotContain("DRAIN");
        } finally {
            if (ScontrolNode.node(lab, node).getOrDefault("State", "").contains("DRAIN")) {
                LabShell.run(lab, "scontrol", "update", "nodename=" + node, "state=resume"); // it was not drained before
            }
        }
        assertThat(admin.get(c + "no-such-node").status()).isEqualTo(404);
        assertThat(admin.postJson(c + "no-such-node/drain", "{\"reason\": \"x\"}").status()).isEqualTo(404);
        assertThat(admin.get(c + "bad%20name").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/clusters/no-such-cluster/nodes").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/clusters/" + lab.name() + "/reservations/no-such-res").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/clusters/" + lab.name() + "/reservations/no-such-res").status()).isEqualTo(404);
    }

    /** Ours from the list, once the app's reading (a few seconds old at most) is from after scontrol made it. */
    private JsonNode reservation(LabCluster lab, String name) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            TestHttp.Response list = admin.get("/api/v1/clusters/" + lab.name() + "/reservations");
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            var found = list.json().valueStream().filter(x -> x.path("name").asString().equals(name)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(System.currentTimeMillis()).as("%s: reservation %s listed", lab, name).isLessThan(deadline);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private String idleNode(LabCluster lab, String... candidates) {
        for (String n : candidates) {
            if (!ScontrolNode.node(lab, n).getOrDefault("State", "").contains("DRAIN")) {
                return n;
            }
        }
        throw new AssertionError(lab + ": every candidate node is drained by someone else");
    }

    private List<String> gridMarks(LabCluster lab, String node) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonNode o = admin.get("/api/v1/clusters/" + lab.name() + "/overview").json();
            List<String> marks = o.path("nodes").valueStream().filter(n -> n.path("name").asString().equals(node))
                    .flatMap(n -> n.path("reservations").valueStream()).map(JsonNode::asString).toList();
            if (!marks.isEmpty() || System.currentTimeMillis() > deadline) {
                return marks;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> jobIds(JsonNode node) {
        return node.path("jobs").valueStream().map(j -> j.path("id").asString()).toList();
    }

    private static Instant local(String scontrolTime) {
        return LocalDateTime.parse(scontrolTime).atZone(ZoneId.systemDefault()).toInstant();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    /** scontrol's comma list; "(null)" and empty are none. */
    private static List<String> list(String value) {
        return value == null || value.isEmpty() || value.equals("(null)") ? List.of() : Arrays.asList(value.split(","));
    }

    /** Without NOT_RESPONDING, which comes and goes between two reads on the lab's two busy cores. */
    private static Set<String> stable(Set<String> states) {
        Set<String> out = new TreeSet<>(states);
        out.remove("NOT_RESPONDING");
        return out;
    }

    private static Set<String> states(JsonNode node) {
        return new TreeSet<>(strings(node.path("states")));
    }

    private static Set<String> states(String scontrolState) {
        return new TreeSet<>(Arrays.asList(scontrolState.split("\\+")));
    }
}
