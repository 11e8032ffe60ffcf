package org.slurmworkbench.workbench.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Notifications end to end on every lab release at once: alice's settings point at a real SMTP server and a webhook
 * receiver; on each release she submits through the form a job that runs past 5 % of its limit (3 s of 1 min) and ends
 * well, one that fails, an array of 3 tasks (all opted in) and one not opted in. Exactly one end mail per opted-in job
 * and one for the array, a time-limit mail for the first, none for the last; the webhook gets the same as JSON with a
 * text field; webhooks to loopback, link-local, unlisted hosts and the app itself are refused with a 400 naming the
 * field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "workbench.notify.enabled=true", "workbench.notify.interval=2s", "workbench.notify.efficiency-wait=20s",
        "workbench.notify.public-url=https://wb.example.org"})
class NotifyIT {

    static final String RUN = "wb9-notify-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    static final NotifyTestServers SERVERS;

    static {
        try {
            SERVERS = new NotifyTestServers();
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry r) {
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", SERVERS::smtpPort);
        r.add("workbench.notify.webhook.allowed-hosts", () -> SERVERS.host + ",169.254.169.254,127.0.0.1");
        r.add("workbench.notify.webhook.private-hosts", () -> SERVERS.host);
    }

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void optedInJobsAreToldOnceByMailAndWebhook() throws InterruptedException {
        String user = TestUsers.ensure(jdbc, passwords, "alice");
        TestHttp api = new TestHttp(port).basic(user, TestUsers.PASSWORD);
        String settings = "/api/v1/notifications/settings";

        for (String refused : List.of("http://127.0.0.1:9/hook", "http://169.254.169.254/latest", "http://example.com/x",
                "http://" + SERVERS.host + ":" + port + "/api/v1/me", "http://203.0.113.9/hook")) {
            TestHttp.Response r = api.putJson(settings, "{\"webhookUrl\": \"" + refused + "\"}");
            assertThat(r.status()).as(refused + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("webhookUrl");
        }
        TestHttp.Response loopback = api.putJson(settings, "{\"webhookUrl\": \"http://127.0.0.1:9/hook\"}");
        assertThat(loopback.body()).contains("loopback");
        assertThat(api.putJson(settings, "{\"webhookUrl\": \"http://" + SERVERS.host + ":" + port + "/\"}").body())
                .contains("this workbench itself");

        TestHttp.Response saved = api.putJson(settings, "{\"email\": \"alice@example.org\", \"webhookUrl\": \""
                + SERVERS.hookUrl() + "\", \"onEnd\": true, \"language\": \"en\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        // another user can neither read nor change alice's settings
        TestHttp carol = new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, "carol"), TestUsers.PASSWORD);
        assertThat(carol.get(settings + "/" + user).status()).isEqualTo(403);
        assertThat(carol.putJson(settings + "/" + user, "{\"email\": \"carol@example.org\"}").status()).isEqualTo(403);

        TestLab.onEveryReleaseAtOnce(c -> toldOnce(c, user));
    }

    /** The four jobs on one release, in a session of their own; mails and webhook bodies are told apart by cluster. */
    private void toldOnce(LabCluster c, String user) {
        String run = RUN + "-" + c.series();
        TestHttp alice = new TestHttp(port);
        assertThat(alice.formLogin(user, TestUsers.PASSWORD).status()).isEqualTo(302);
        String csrf = TestHttp.csrfOf(alice.get("/submit?cluster=" + c.name()));
        // the form starts from her profile's choices
        assertThat(alice.get("/submit?cluster=" + c.name()).body())
                .contains("id=\"notifyEnd\" name=\"notifyEnd\" value=\"true\" checked=\"checked\"");
        String none = submit(alice, c, csrf, run + "-none", "#!/bin/bash\nsleep 1\n", null, Map.of());
        String ok = submit(alice, c, csrf, run + "-ok", "#!/bin/bash\nsleep 20\n", null,
                Map.of("notifyEnd", "true", "notifyTime", "true", "notifyTimePercent", "5"));
        String failing = submit(alice, c, csrf, run + "-fail", "#!/bin/bash\nexit 3\n", null, Map.of("notifyFail", "true"));
        String array = submit(alice, c, csrf, run + "-array", "#!/bin/bash\nsleep 1\n", "0-2", Map.of("notifyEnd", "true"));

        String k = c.name() + "/";
        List<String> expected = List.of(k + ok + "/TIME", k + ok + "/END", k + failing + "/END", k + array + "/END");
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(SERVERS.mailKeys()).containsAll(expected));
        // the opt-ins are all settled by now; one more round of the detector would have sent anything still due
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM notify_job WHERE cluster = ? "
                + "AND job_id IN (?, ?, ?) AND end_done = FALSE").params(c.name(), ok, failing, array)
                .query(Long.class).single() == 0);
        List<String> mine = SERVERS.mailKeys().stream().filter(key -> key.startsWith(k)
                && List.of(none, ok, failing, array).contains(key.split("/")[1])).toList();
        assertThat(mine).as("one mail per job and kind, none for job " + none).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notify_job WHERE cluster = ? AND job_id = ?").params(c.name(), none)
                .query(Long.class).single()).isZero();

        MimeMessage arrayMail = mail(k + array + "/END");
        assertThat(TestMail.text(arrayMail)).contains("all 3 tasks", "https://wb.example.org/submit/jobs/" + c.name() + "/" + array);
        MimeMessage failMail = mail(k + failing + "/END");
        assertThat(TestMail.subject(failMail)).contains("did not complete", "FAILED");
        assertThat(TestMail.text(failMail)).contains("exit code 3");
        assertThat(TestMail.text(mail(k + ok + "/END"))).contains("COMPLETED", "exit code 0", "of a 00:01:00 time limit");
        assertThat(TestMail.text(mail(k + ok + "/TIME"))).contains("time limit");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(SERVERS.hookBodies.stream()
                .filter(b -> b.contains(run + "-")).count()).as(c.name()).isEqualTo(4));
        assertThat(SERVERS.hookBodies.stream().filter(b -> b.contains(run + "-")))
                .allSatisfy(b -> assertThat(b).startsWith("{\"text\":\"[Slurm Workbench] Job "))
                .noneMatch(b -> b.contains(run + "-none"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notify_outbox WHERE cluster = ? AND job_id IN (?, ?, ?) AND sent_at IS NULL")
                .params(c.name(), ok, failing, array).query(Long.class).single()).isZero();
    }

    private static MimeMessage mail(String key) {
        return Arrays.stream(SERVERS.mail.getReceivedMessages()).filter(m -> key.equals(NotifyTestServers.key(m)))
                .findFirst().orElseThrow();
    }

    private static String submit(TestHttp alice, LabCluster c, String csrf, String name, String script, String array,
                                 Map<String, String> notify) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("_csrf", csrf);
        f.put("cluster", c.name());
        f.put("name", name);
        f.put("partition", "cpu");
        f.put("account", "physics");
        f.put("nodes", "1");
        f.put("tasks", "1");
        f.put("cpusPerTask", "1");
        f.put("memory", "100M");
        f.put("memoryPer", "NODE");
        f.put("timeLimit", "1");
        f.put("workDir", "/tmp");
        f.put("output", "/dev/null");
        if (array != null) {
            f.put("array", array);
        }
        f.put("script", script);
        f.putAll(notify);
        TestHttp.Response r = alice.postForm("/submit", f);
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        String location = r.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
