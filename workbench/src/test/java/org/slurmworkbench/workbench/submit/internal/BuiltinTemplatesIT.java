package org.slurmworkbench.workbench.submit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

/** Every built-in template fills the form, and as it stands is accepted by every lab release (submitted held, then cancelled). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BuiltinTemplatesIT {

    static final String RUN = "wb3-tpl-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    static Stream<Arguments> templatesOnEveryRelease() {
        return TestLab.present().stream().flatMap(c -> BuiltinTemplates.ALL.keySet().stream().map(t -> Arguments.of(c, t)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("templatesOnEveryRelease")
    void aBuiltinTemplateFillsTheFormAndSlurmAcceptsIt(LabCluster c, String template) {
        TestHttp alice = new TestHttp(port);
        alice.formLogin(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        TestHttp.Response page = alice.get("/submit?cluster=" + c.name() + "&template=" + template);
        assertThat(page.status()).isEqualTo(200);
        JobForm t = BuiltinTemplates.get(template, c.name()).orElseThrow();
        assertThat(page.body()).contains("value=\"" + t.timeLimit() + "\"");

        String name = RUN + "-" + template + "-" + c.series();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", TestHttp.csrfOf(page));
        form.put("cluster", c.name());
        form.put("name", name);
        form.put("partition", t.partition() == null ? "" : t.partition());
        form.put("qos", t.qos() == null ? "" : t.qos());
        form.put("nodes", String.valueOf(t.nodes()));
        form.put("tasks", String.valueOf(t.tasks()));
        form.put("cpusPerTask", String.valueOf(t.cpusPerTask()));
        form.put("memory", t.memory());
        form.put("memoryPer", t.memoryPer().name());
        form.put("gpus", t.gpus() == null ? "" : String.valueOf(t.gpus()));
        form.put("timeLimit", t.timeLimit());
        form.put("array", t.array() == null ? "" : t.array());
        form.put("workDir", t.workDir());
        form.put("hold", "true");
        form.put("script", t.script());
        TestHttp.Response r = alice.postForm("/submit", form);
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        String id = r.header("Location").substring(r.header("Location").lastIndexOf('/') + 1);
        try {
            Map<String, String> s = LabShell.showJob(c, id);
            assertThat(s).containsEntry("JobName", name).containsEntry("CPUs/Task", String.valueOf(t.cpusPerTask()));
            assertThat(s.get("NumNodes")).matches(t.nodes() + "(-" + t.nodes() + ")?"); // pending: "2-2"
            if (t.array() != null) {
                assertThat(s.get("ArrayTaskId")).isEqualTo(t.array());
            }
            assertThat(s.get("UserId")).startsWith("alice(");
        } finally {
            LabShell.run(c, "scancel", id);
        }
    }
}
