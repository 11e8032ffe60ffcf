package org.slurmworkbench.workbench.submit;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.SlurmClientConfig;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.slurm.token.MintedTokens;
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

/**
 * The finished job page benchmark (run by {@code bench/job-page}, not by CI): N ended jobs that slurmctld has
 * forgotten, in the accounting copy; 50 viewers each open a random one's page about once a second. Printed beside it,
 * measured in the same run with the same viewers: what slurmdbd alone takes to answer one such job (raw slurmrestd
 * {@code GET .../jobs?step=ID}, HTTP + JSON), and the floor of the app (a page that reads nothing: 404 of an unknown
 * cluster). Target: the page's p95 <= 100 ms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"workbench.history.enabled=false", "workbench.qos.sample-interval=1h"})
class FinishedJobPageBench {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void endedJobPagesUnderFiftyViewers() throws Exception {
        String release = System.getProperty("bench.release", "");
        LabCluster lab = TestLab.present().stream().filter(c -> c.series().startsWith(release)).reduce((a, b) -> b).orElseThrow();
        int jobs = Integer.getInteger("bench.jobs", 20);
        String user = TestUsers.ensure(jdbc, passwords, "alice");
        TestHttp alice = new TestHttp(port).basic(user, TestUsers.PASSWORD);
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        String api = "/api/v1/clusters/" + lab.name() + "/jobs";
        String tag = "wbbench-page-" + Long.toString(System.nanoTime(), 36);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            TestHttp.Response r = alice.postJson(api, """
                    {"name": "%s", "script": "#!/bin/bash\\ntrue\\n", "timeLimit": "5"}""".formatted(tag));
            if (r.status() != 201) {
                throw new AssertionError("submit: " + r.body());
            }
            ids.add(r.json().path("jobId").asLong());
        }
        try {
            LabShell.minJobAge(lab, 2);
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3))
                    .until(() -> LabShell.jobIdsNamed(lab, tag).isEmpty());
        } finally {
            LabShell.minJobAge(lab, 300);
        }
        SyncNow.sync(admin, lab.name());
        for (long id : ids) { // every page once: the steps of each ended job are read from slurmdbd the first time
            // the shared job list a page reads is renewed in the background: the first look may still be slurmctld's
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    alice.get(api + "/" + id).json().get(0).path("source").asString().equals("ACCOUNTING_COPY"));
            alice.get("/submit/jobs/" + lab.name() + "/" + id);
        }

        SlurmClient client = new SlurmClient(new SlurmClientConfig(URI.create(lab.restUrl()),
                new MintedTokens(lab.jwtKey(), Duration.ofMinutes(30)), lab.adminUser(), null, Duration.ofMinutes(1), null, 0, null));
        String slurmdb = client.info().apiVersion().compareTo(org.slurmworkbench.slurm.ApiVersion.parse("v0.0.40")) >= 0
                ? "/slurmdb/" + client.info().apiVersion() + "/jobs/" : "/slurmdb/" + client.info().apiVersion() + "/jobs";
        Function<Integer, Long> random = i -> ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        Result raw = viewers(50, 20, () -> { }, i -> {
            client.transport().get(lab.adminUser(), slurmdb, Map.of("step", Long.toString(random.apply(i))));
            return 200;
        });
        Runnable login = () -> session(user);
        Result page = viewers(50, 20, login, i -> session(user).get("/submit/jobs/" + lab.name() + "/" + random.apply(i)).status());
        Result floor = viewers(50, 20, login, i -> session(user).get("/submit/jobs/no-such-cluster/1").status() == 404 ? 200 : 500);
        List<String> out = new ArrayList<>();
        out.add(String.format("FINISHED JOB PAGE BENCH %s, %d ended jobs in the accounting copy, 50 viewers each about once a second", lab, jobs));
        out.add(raw.line("raw slurmdbd answer for one job (GET jobs?step=ID):", null));
        out.add(page.line("app: the job's page (copy, steps kept), as alice:", raw));
        out.add(floor.line("floor: same sessions, unknown cluster (404):", raw));
        out.add(String.format("  the page's p95 %.1f ms against the target of 100 ms", page.p95()));
        System.out.printf("%n%s%n%n", String.join("\n", out));
    }

    /** One logged-in session per viewer thread, as browsers keep theirs (HTTP basic would cost a bcrypt each time). */
    private final ThreadLocal<TestHttp> sessions = new ThreadLocal<>();

    private TestHttp session(String user) {
        TestHttp http = sessions.get();
        if (http == null) {
            http = new TestHttp(port).timeout(Duration.ofSeconds(60));
            http.formLogin(user, TestUsers.PASSWORD);
            sessions.set(http);
        }
        return http;
    }

    /**
     * {@code clients} viewers, each sending {@code each} requests about a second apart (+-50 %, so not in step), after
     * an untimed {@code warmup} of its own (a login: bcrypt is not what is measured).
     */
    private static Result viewers(int clients, int each, Runnable warmup, Function<Integer, Integer> request) {
        long[] latencies = new long[clients * each];
        AtomicInteger failed = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int base = c * each;
                all.add(CompletableFuture.runAsync(() -> {
                    warmup.run();
                    for (int i = 0; i < each; i++) {
                        try {
                            Thread.sleep(500 + ThreadLocalRandom.current().nextLong(1000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        long t = System.nanoTime();
                        try {
                            if (request.apply(i) >= 400) {
                                failed.incrementAndGet();
                            }
                        } catch (RuntimeException | AssertionError e) {
                            failed.incrementAndGet();
                        }
                        latencies[base + i] = System.nanoTime() - t;
                    }
                }, pool));
            }
            all.forEach(CompletableFuture::join);
        }
        return new Result(latencies, failed.get());
    }

    private record Result(long[] latencies, int failed) {

        double p50() {
            return percentile(50);
        }

        double p95() {
            return percentile(95);
        }

        private double percentile(int p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
        }

        String line(String what, Result raw) {
            return String.format("  %-52s p50 %6.1f ms, p95 %6.1f ms%s%s", what, p50(), p95(),
                    raw == null ? "" : String.format(" = %.2fx raw p95", p95() / raw.p95()),
                    failed == 0 ? "" : String.format(", %d of %d failed", failed, latencies.length));
        }
    }
}
