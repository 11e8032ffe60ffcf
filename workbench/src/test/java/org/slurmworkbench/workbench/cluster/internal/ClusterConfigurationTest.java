package org.slurmworkbench.workbench.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slurmworkbench.workbench.cluster.internal.ClusterProperties.TokenMode;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Invalid cluster configuration stops the start with a message that names the property and says why: checked on
 * the report Spring Boot really prints ("APPLICATION FAILED TO START").
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterConfigurationTest {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ClusterProperties.class)
    @Import(ValidationAutoConfiguration.class)
    static class ClusterConfigOnly {
        @Bean
        Map<String, ClusterRegistry.Source> clusterSources(ClusterProperties properties, Validator validator) {
            return ClusterRegistry.resolve(properties, validator);
        }
    }

    private Path key() throws IOException {
        Path key = dir.resolve("jwt.key");
        if (!Files.exists(key)) {
            Files.write(key, new byte[32]);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
        return key;
    }

    private List<String> valid(int i, String name) throws IOException {
        return List.of("workbench.clusters[" + i + "].name=" + name, "workbench.clusters[" + i + "].url=http://127.0.0.1:6820",
                "workbench.clusters[" + i + "].jwt-key=" + key(), "workbench.clusters[" + i + "].service-user=wbadmin");
    }

    private ConfigurableApplicationContext start(List<String> properties) {
        // No application.yml of the app or the tests: only the given properties (as command-line arguments).
        return new SpringApplicationBuilder(ClusterConfigOnly.class).web(WebApplicationType.NONE)
                .properties("spring.config.name=cluster-configuration-test", "spring.main.banner-mode=off",
                        "logging.level.root=warn")
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    /** Starts with these properties, expects the start to fail, answers what Boot printed. */
    private String failure(List<String> properties, CapturedOutput output) {
        assertThatThrownBy(() -> start(properties).close()).isInstanceOf(Exception.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START");
        return output.getAll();
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void aValidClusterBindsWithDefaults() throws IOException {
        try (ConfigurableApplicationContext ctx = start(valid(0, "c1"))) {
            ClusterProperties p = ctx.getBean(ClusterProperties.class);
            ClusterProperties.Cluster c = p.clusters().getFirst();
            assertThat(c.url()).isEqualTo(URI.create("http://127.0.0.1:6820"));
            assertThat(c.tokenMode()).isEqualTo(TokenMode.MINT);
            assertThat(c.tokenLifespan()).isEqualTo(Duration.ofMinutes(5));
            assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(p.clusterStatus().ttl()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.clusterStatus().timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(p.labRoot()).isNull();
        }
    }

    @Test
    void fileModeNeedsNoKey() {
        String template = dir + "/{user}.jwt";
        try (ConfigurableApplicationContext ctx = start(List.of("workbench.clusters[0].name=site",
                "workbench.clusters[0].url=https://slurm.example.org:6820", "workbench.clusters[0].token-mode=file",
                "workbench.clusters[0].token-file=" + template, "workbench.clusters[0].service-user=slurm"))) {
            assertThat(ctx.getBean(ClusterProperties.class).clusters().getFirst().tokenFile()).isEqualTo(template);
        }
    }

    private Path file(String name, String permissions) throws IOException {
        Path f = Files.writeString(dir.resolve(name), "secret");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(permissions));
        return f;
    }

    private static List<String> tokenFile(String path) {
        return List.of("workbench.clusters[0].name=c1", "workbench.clusters[0].url=http://h:1",
                "workbench.clusters[0].service-user=u", "workbench.clusters[0].token-mode=file",
                "workbench.clusters[0].token-file=" + path);
    }

    @Test
    void aWorldReadableKeyIsNamedWithTheFix(CapturedOutput output) throws IOException {
        Path key = file("open.key", "rw-r--r--");
        String report = failure(List.of("workbench.clusters[0].name=c1", "workbench.clusters[0].url=http://h:1",
                "workbench.clusters[0].service-user=u", "workbench.clusters[0].jwt-key=" + key), output);
        assertThat(report).contains("workbench.clusters[0].jwt-key")
                .contains("file " + key + " is readable by every user on this machine (rw-r--r--)")
                .contains("chmod 600 " + key).doesNotContain("\tat org.");
    }

    @Test
    void keysReadableByOwnerOrGroupOnlyAreAccepted() throws IOException {
        for (String mode : List.of("rw-------", "r--------", "rw-r-----")) {
            Path key = file("k-" + mode.replace("-", "_") + ".key", mode);
            try (ConfigurableApplicationContext ctx = start(List.of("workbench.clusters[0].name=c1",
                    "workbench.clusters[0].url=http://h:1", "workbench.clusters[0].service-user=u",
                    "workbench.clusters[0].jwt-key=" + key))) {
                assertThat(ctx.getBean(ClusterProperties.class).clusters().getFirst().jwtKey()).as(mode).isEqualTo(key);
            }
        }
    }

    @Test
    void aKeyThatIsADirectoryIsNamed(CapturedOutput output) {
        String report = failure(List.of("workbench.clusters[0].name=c1", "workbench.clusters[0].url=http://h:1",
                "workbench.clusters[0].service-user=u", "workbench.clusters[0].jwt-key=" + dir), output);
        assertThat(report).contains("workbench.clusters[0].jwt-key").contains("file " + dir + " is not a regular file");
    }

    @Test
    void aWorldReadableTokenFileIsNamedWithTheFix(CapturedOutput output) throws IOException {
        Path token = file("svc.token", "rw-rw-r--");
        String report = failure(tokenFile(token.toString()), output);
        assertThat(report).contains("workbench.clusters[0].token-file").contains("chmod 600 " + token);
    }

    @Test
    void aMissingTokenFileIsNamed(CapturedOutput output) {
        String report = failure(tokenFile(dir + "/none.token"), output);
        assertThat(report).contains("workbench.clusters[0].token-file").contains("file " + dir + "/none.token does not exist");
    }

    @Test
    void aTokenTemplateIsCheckedOnItsDirectoryAndTheTokensAlreadyThere(CapturedOutput output) throws IOException {
        String missing = failure(tokenFile(dir + "/nope/{user}.token"), output);
        assertThat(missing).contains("directory " + dir + "/nope of token-file " + dir + "/nope/{user}.token does not exist");

        file("alice.token", "rw-------");
        Path open = file("bob.token", "rw-r--r--");
        file("unrelated.txt", "rw-r--r--");
        String report = failure(tokenFile(dir + "/{user}.token"), output);
        assertThat(report).contains("file " + open + " is readable by every user").contains("chmod 600 " + open)
                .doesNotContain("unrelated.txt");
    }

    @Test
    void missingUrlIsNamed(CapturedOutput output) {
        String report = failure(List.of("workbench.clusters[0].name=c1", "workbench.clusters[0].service-user=u",
                "workbench.clusters[0].token-mode=file", "workbench.clusters[0].token-file=/t"), output);
        assertThat(report).contains("workbench.clusters[0].url").contains("is required");
    }

    @Test
    void mintModeNeedsAKey(CapturedOutput output) {
        String report = failure(List.of("workbench.clusters[0].name=c1", "workbench.clusters[0].url=http://h:1",
                "workbench.clusters[0].service-user=u"), output);
        assertThat(report).contains("workbench.clusters[0].jwt-key").contains("is required when token-mode is mint");
    }

    @Test
    void aKeyThatDoesNotExistIsNamed(CapturedOutput output) {
        String report = failure(List.of("workbench.clusters[0].name=c1", "workbench.clusters[0].url=http://h:1",
                "workbench.clusters[0].service-user=u", "workbench.clusters[0].jwt-key=/no/such/key"), output);
        assertThat(report).contains("workbench.clusters[0].jwt-key").contains("/no/such/key does not exist");
    }

    @Test
    void fileModeNeedsATokenFile(CapturedOutput output) {
        String report = failure(List.of("workbench.clusters[0].name=c1", "workbench.clusters[0].url=http://h:1",
                "workbench.clusters[0].service-user=u", "workbench.clusters[0].token-mode=file"), output);
        assertThat(report).contains("workbench.clusters[0].token-file").contains("is required when token-mode is file");
    }

    @Test
    void anUnknownTokenModeIsNamed(CapturedOutput output) throws IOException {
        String report = failure(with(valid(0, "c1"), "workbench.clusters[0].token-mode=kerberos"), output);
        assertThat(report).contains("workbench.clusters[0].token-mode").contains("kerberos");
    }

    @Test
    void aNonHttpUrlIsNamed(CapturedOutput output) throws IOException {
        String report = failure(with(valid(0, "c1"), "workbench.clusters[0].url=ftp://h:1"), output);
        assertThat(report).contains("workbench.clusters[0].url").contains("must be an http:// or https:// URL");
    }

    @Test
    void aNameThatCannotBeInAUrlIsNamed(CapturedOutput output) throws IOException {
        String report = failure(with(valid(0, "c1"), "workbench.clusters[0].name=my cluster/1"), output);
        assertThat(report).contains("workbench.clusters[0].name").contains("it is used in URLs");
    }

    @Test
    void aTooShortTokenLifespanIsNamed(CapturedOutput output) throws IOException {
        String report = failure(with(valid(0, "c1"), "workbench.clusters[0].token-lifespan=5s"), output);
        assertThat(report).contains("workbench.clusters[0].token-lifespan").contains("at least 10s");
    }

    @Test
    void aMissingServiceUserIsNamed(CapturedOutput output) throws IOException {
        String report = failure(List.of("workbench.clusters[0].name=c1", "workbench.clusters[0].url=http://h:1",
                "workbench.clusters[0].jwt-key=" + key()), output);
        assertThat(report).contains("workbench.clusters[0].service-user").contains("is required");
    }

    @Test
    void duplicateNamesAreNamed(CapturedOutput output) throws IOException {
        List<String> props = new ArrayList<>(valid(0, "same"));
        props.addAll(valid(1, "same"));
        String report = failure(props, output);
        assertThat(report).contains("workbench.clusters[1].name").contains("already used by workbench.clusters[0]");
    }

    @Test
    void noClusterAtAllIsAnError(CapturedOutput output) {
        String report = failure(List.of(), output);
        assertThat(report).contains("workbench.clusters").contains("no cluster is configured");
    }

    @Test
    void aLabRootThatIsNotADirectoryIsNamed(CapturedOutput output) {
        String report = failure(List.of("workbench.lab-root=" + dir.resolve("missing")), output);
        assertThat(report).contains("workbench.lab-root").contains("is not a directory");
    }

    @Test
    void labClustersComeAfterConfiguredOnesAndMayNotReuseTheirNames(CapturedOutput output) throws IOException {
        Path release = Files.createDirectories(dir.resolve("lab/22.05"));
        Files.writeString(release.resolve("cluster.env"), "CLUSTER_NAME=lab2205\nREST_URL=http://127.0.0.1:6820\nJWT_KEY="
                + key() + "\nADMIN_USER=wbadmin\n");
        try (ConfigurableApplicationContext ctx = start(with(valid(0, "site"), "workbench.lab-root=" + dir.resolve("lab")))) {
            @SuppressWarnings("unchecked")
            Map<String, ClusterRegistry.Source> sources = ctx.getBean("clusterSources", Map.class);
            assertThat(sources).containsOnlyKeys("site", "lab2205");
            assertThat(List.copyOf(sources.keySet())).containsExactly("site", "lab2205");
            assertThat(sources.get("lab2205").property()).contains("workbench.lab-root").contains("22.05/cluster.env");
        }
        String report = failure(with(valid(0, "lab2205"), "workbench.lab-root=" + dir.resolve("lab")), output);
        assertThat(report).contains("cluster name 'lab2205' is already used by workbench.clusters[0]");
    }

    @Test
    void aLabClusterWithAMissingKeyIsReportedWithItsFile(CapturedOutput output) throws IOException {
        Path release = Files.createDirectories(dir.resolve("lab/24.11"));
        Files.writeString(release.resolve("cluster.env"), "CLUSTER_NAME=lab2411\nREST_URL=http://127.0.0.1:7820\n"
                + "JWT_KEY=/no/such/key\nADMIN_USER=wbadmin\n");
        String report = failure(List.of("workbench.lab-root=" + dir.resolve("lab")), output);
        assertThat(report).contains("workbench.lab-root").contains("24.11/cluster.env").contains("/no/such/key does not exist");
    }
}
