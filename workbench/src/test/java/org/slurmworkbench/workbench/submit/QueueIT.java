package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * The queue filters, sorts and pages as Slurm does, on every lab release: a few held jobs of alice, bob and carol in
 * two accounts, a held array and a running job, then each filter's count against squeue's on the same jobs
 * ({@code -u -A -p -q -t -w --name -j}, {@code -r} for tasks), the name order against {@code squeue -S j}, the pages
 * against the whole list, and what each viewer is shown (visible-jobs: accounts) against squeue by account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueueIT {

    static final String RUN = "wbq-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void filtersSortsAndPagesLikeSqueue() throws InterruptedException {
        Map<String, TestHttp> as = new LinkedHashMap<>();
        as.put("admin", new TestHttp(port).basic("admin", "admin-test-password"));
        for (String user : List.of("alice", "carol")) {
            as.put(user, new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, user), TestUsers.PASSWORD));
        }
        TestLab.onEveryReleaseAtOnce(lab -> check(lab, as));
    }

    private void check(LabCluster lab, Map<String, TestHttp> as) {
        String tag = RUN + "-" + lab.series().replace(".", "");
        List<String> partitions = LabShell.lines(lab, "sinfo", "-h", "-o", "%P").stream().map(p -> p.replace("*", "")).toList();
        String other = partitions.size() > 1 ? partitions.get(1) : partitions.getFirst();
        List<String> ids = new ArrayList<>();
        try {
            ids.add(LabShell.sbatch(lab, "alice", tag + "-one", "-H"));
            ids.add(LabShell.sbatch(lab, "alice", tag + "-two", "-H", "-p", other));
            ids.add(LabShell.sbatch(lab, "bob", tag + "-three", "-H"));
            ids.add(LabShell.sbatch(lab, "carol", tag + "-four", "-H"));
            ids.add(LabShell.sbatch(lab, "carol", tag + "-five", "-H", "-p", other));
            String array = LabShell.sbatch(lab, "alice", tag + "-arr", "-H", "-a", "1-4");
            ids.add(array);
            String running = LabShell.sbatch(lab, "carol", tag + "-run");
            ids.add(running);
            String node = awaitRunning(lab, running);
            String names = String.join(",", List.of("one", "two", "three", "four", "five", "arr", "run").stream().map(n -> tag + "-" + n).toList());

            // our query (always within this run's jobs by name prefix) -> squeue's flags (always --name=all of them)
            Map<String, List<String>> cases = new LinkedHashMap<>();
            cases.put("", List.of());
            cases.put("expand=true", List.of("-r"));
            cases.put("user=alice", List.of("-u", "alice"));
            cases.put("user=alice&expand=true", List.of("-u", "alice", "-r"));
            cases.put("account=physics", List.of("-A", "physics"));
            cases.put("account=chemistry", List.of("-A", "chemistry"));
            cases.put("partition=" + other, List.of("-p", other));
            cases.put("qos=normal", List.of("-q", "normal"));
            cases.put("state=PENDING", List.of("-t", "PD"));
            cases.put("state=RUNNING", List.of("-t", "R"));
            cases.put("user=alice,carol&state=PENDING", List.of("-u", "alice,carol", "-t", "PD"));
            cases.put("array=" + array, List.of("-j", array));
            cases.put("array=" + array + "&expand=true", List.of("-j", array, "-r"));
            if (node != null) {
                cases.put("node=" + node, List.of("-w", node));
            }
            // a host list as squeue -w takes it, commas inside brackets included
            cases.put("node=" + java.net.URLEncoder.encode("c[1,2],g[1-2]", java.nio.charset.StandardCharsets.UTF_8),
                    List.of("-w", "c[1,2],g[1-2]"));
            cases.put("node=" + java.net.URLEncoder.encode("g[1-2]", java.nio.charset.StandardCharsets.UTF_8),
                    List.of("-w", "g[1-2]"));
            String queue = "/api/v1/clusters/" + lab.name() + "/queue?name=" + tag + "-&";
            Map<String, String> mismatches = new LinkedHashMap<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30)); // the shared job list is a few seconds old at most
            do {
                mismatches.clear();
                cases.forEach((ours, flags) -> {
                    List<String> cmd = new ArrayList<>(List.of("squeue", "-h", "-o", "%i", "--name=" + names));
                    cmd.addAll(flags);
                    int slurm = LabShell.lines(lab, cmd.toArray(String[]::new)).size();
                    long mine = total(as.get("admin"), queue + ours + "&size=1");
                    if (slurm != mine) {
                        mismatches.put(ours.isEmpty() ? "(no filter)" : ours, "workbench " + mine + ", squeue " + slurm + " " + flags);
                    }
                });
                // a name is a prefix for the workbench, exact for squeue: the whole name of one job is both
                int two = LabShell.lines(lab, "squeue", "-h", "-o", "%i", "--name=" + tag + "-two").size();
                long twoMine = total(as.get("admin"), "/api/v1/clusters/" + lab.name() + "/queue?name=" + tag + "-two&size=1");
                if (two != twoMine || two != 1) {
                    mismatches.put("name=" + tag + "-two", "workbench " + twoMine + ", squeue " + two);
                }
            } while (!mismatches.isEmpty() && Instant.now().isBefore(deadline));
            assertThat(mismatches).as("%s: counts that differ from squeue's", lab).isEmpty();

            // sorted by name as squeue -S j sorts; pages of 2 add up to the whole list in the same order
            List<String> slurmOrder = LabShell.lines(lab, "squeue", "-h", "-S", "j", "-o", "%j", "--name=" + names);
            List<String> mineOrder = field(as.get("admin").get(queue + "sort=name&dir=asc&size=500").json(), "name");
            assertThat(mineOrder).as("%s: sorted by name", lab).isEqualTo(slurmOrder);
            List<String> all = field(as.get("admin").get(queue + "sort=submit&dir=asc&size=500&expand=true").json(), "id");
            List<String> paged = new ArrayList<>();
            JsonNode page;
            int p = 1;
            do {
                page = as.get("admin").get(queue + "sort=submit&dir=asc&size=2&expand=true&page=" + p++).json();
                assertThat(page.path("total").asLong()).isEqualTo(all.size());
                paged.addAll(field(page, "id"));
            } while (page.path("page").asInt() < page.path("pages").asInt());
            assertThat(paged).as("%s: pages of 2", lab).isEqualTo(all).doesNotHaveDuplicates();
            List<Long> priorities = field(as.get("admin").get(queue + "sort=priority&size=500").json(), "priority")
                    .stream().map(Long::parseLong).toList();
            assertThat(priorities).as("%s: by priority, highest first", lab).isSortedAccordingTo(java.util.Comparator.reverseOrder());

            // each viewer: alice (physics) sees physics' jobs, carol (chemistry) chemistry's; squeue counts the same by account
            for (String[] viewer : new String[][]{{"alice", "physics"}, {"carol", "chemistry"}}) {
                int slurm = LabShell.lines(lab, "squeue", "-h", "-o", "%i", "--name=" + names, "-A", viewer[1]).size();
                JsonNode seen = as.get(viewer[0]).get(queue + "size=500").json();
                assertThat(seen.path("total").asLong()).as("%s: %s sees %s's jobs", lab, viewer[0], viewer[1]).isEqualTo(slurm);
                for (JsonNode j : seen.path("jobs")) {
                    assertThat(j.path("account").asString()).isEqualTo(viewer[1]);
                    if (!j.path("user").asString().equals(viewer[0])) {
                        assertThat(j.path("workDir").isNull() && j.path("standardOutput").isNull())
                                .as("%s: %s gets no paths of %s's job", lab, viewer[0], j.path("user").asString()).isTrue();
                    }
                }
            }
        } finally {
            if (!ids.isEmpty()) {
                List<String> cmd = new ArrayList<>(List.of("scancel"));
                cmd.addAll(ids);
                LabShell.run(lab, cmd.toArray(String[]::new));
            }
        }
    }

    /** The node the job runs on once it runs (60 s at most); null when it does not start, as on a full lab. */
    private static String awaitRunning(LabCluster lab, String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            List<String> state = LabShell.lines(lab, "squeue", "-h", "-j", id, "-o", "%T %N");
            if (!state.isEmpty() && state.getFirst().startsWith("RUNNING ")) {
                return state.getFirst().split(" ")[1];
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static long total(TestHttp http, String path) {
        TestHttp.Response r = http.get(path);
        assertThat(r.status()).as("%s: %s", path, r.body()).isEqualTo(200);
        return r.json().path("total").asLong();
    }

    private static List<String> field(JsonNode page, String name) {
        List<String> out = new ArrayList<>();
        page.path("jobs").forEach(j -> out.add(j.path(name).asString()));
        return out;
    }
}
