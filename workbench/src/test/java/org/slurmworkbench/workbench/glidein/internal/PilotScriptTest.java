package org.slurmworkbench.workbench.glidein.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.JobSubmission;

/** The pilot script and the submission a request becomes: parameters quoted for bash, the token only in the environment. */
class PilotScriptTest {

    private static GlideinRequest request(String token, Map<String, String> attributes, String site) {
        return new GlideinRequest("pool", "cm.example.org:9618", token, null, null, 3, 4, 1, 8000, "2:00:00", 300, 30,
                "gpu", "physics", "gpu", site, attributes, null, null, "9619-9699");
    }

    @Test
    void parametersAreExportedQuotedInFrontOfTheOneTemplate() throws IOException, InterruptedException {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("GLIDEIN_ResourceName", "\"it's $(HOME) `x`\"");
        attrs.put("MaxMem", "4000");
        String script = PilotScript.render("wb-glidein-7", request("secret.token.value", attrs, "Site 'A'"), 120);

        assertThat(script).startsWith("#!/bin/bash\n").doesNotContain("secret.token.value")
                .contains("export GLIDEIN_COLLECTOR='cm.example.org:9618'\n")
                .contains("export GLIDEIN_RETIRE_MARGIN='600'\n").contains("export GLIDEIN_DIE_MARGIN='60'\n")
                .contains("export GLIDEIN_SITE='Site '\\''A'\\'''\n")
                .contains("export GLIDEIN_PORT_RANGE='9619-9699'\n");
        String template = new String(PilotScript.class.getResourceAsStream(PilotScript.TEMPLATE).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script).endsWith(template.substring(template.indexOf('\n') + 1));

        // bash reads the exports back exactly as given, nothing expanded.
        String exports = script.lines().filter(l -> l.startsWith("export ")).reduce("", (a, b) -> a + b + "\n");
        Path file = Files.createTempFile("pilot-exports", ".sh");
        try {
            Files.writeString(file, exports + "printf '%s\\n' \"$GLIDEIN_EXTRA_ATTRS\" \"$GLIDEIN_SITE\"\n");
            Process p = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(out).isEqualTo("GLIDEIN_ResourceName=\"it's $(HOME) `x`\";MaxMem=4000\nSite 'A'\n");
            Process syntax = new ProcessBuilder("bash", "-n", "/dev/stdin").redirectErrorStream(true).start();
            syntax.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            syntax.getOutputStream().close();
            assertThat(syntax.waitFor()).as(new String(syntax.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void shortLifetimesGetShortMarginsSoThePilotAcceptsJobs() {
        Map<String, String> p = PilotScript.parameters(request(null, Map.of(), null), 10);
        assertThat(p).containsEntry("GLIDEIN_RETIRE_MARGIN", "150").containsEntry("GLIDEIN_DIE_MARGIN", "60")
                .doesNotContainKeys("GLIDEIN_SITE", "GLIDEIN_EXTRA_ATTRS", "GLIDEIN_TOKEN");
    }

    @Test
    void theSubmissionIsOneNamedArrayWithTheTokenInItsEnvironment() {
        JobSubmission s = GlideinFactory.submission(42, request("secret.token.value", Map.of(), null), 120);
        assertThat(s.name()).isEqualTo("wb-glidein-42");
        assertThat(s.array()).isEqualTo("0-2");
        assertThat(s.cpusPerTask()).isEqualTo(4);
        assertThat(s.gpusPerNode()).isEqualTo(1);
        assertThat(s.memoryPerNodeMb()).isEqualTo(8000L);
        assertThat(s.timeLimitMinutes()).isEqualTo(120);
        assertThat(s.partition()).isEqualTo("gpu");
        assertThat(s.environment()).containsEntry("GLIDEIN_TOKEN", "secret.token.value");
        assertThat(s.script()).doesNotContain("secret.token.value");
    }
}
