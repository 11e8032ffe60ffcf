package org.slurmworkbench.workbench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestHttp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/clusters} and the {@code clusters} health component against the real lab clusters found
 * under {@code wb.lab.root}, plus the configured cluster on a dead port (see src/test/resources/config/application.yml).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClustersIT {

    @LocalServerPort
    int port;

    TestHttp admin;

    @BeforeEach
    void setUp() {
        admin = new TestHttp(port).basic("admin", "admin-test-password");
    }

    private static JsonNode byName(JsonNode list, String name) {
        return StreamSupport.stream(list.spliterator(), false).filter(n -> n.path("name").asString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("cluster " + name + " is not listed: " + list));
    }

    /** One test per lab cluster, named after its release and the API version the workbench must use on it. */
    static Stream<Named<LabCluster>> labClusters() {
        return TestLab.present().stream().map(c -> Named.of(c + " via " + TestLab.API_VERSION.getOrDefault(c.series(), "?"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labClusters")
    void listsTheLabClusterReachableWithItsReleaseAndApiVersion(LabCluster expected) {
        TestHttp.Response r = admin.get("/api/v1/clusters");

        assertThat(r.status()).isEqualTo(200);
        JsonNode c = byName(r.json(), expected.name());
        assertThat(c.path("reachable").asBoolean()).as("%s reachable: %s", expected, c).isTrue();
        assertThat(c.path("release").asString()).as("release of %s", expected).isEqualTo(expected.release());
        String api = TestLab.API_VERSION.get(expected.series());
        if (api != null) {
            assertThat(c.path("apiVersion").asString()).as("API version of %s", expected).isEqualTo(api);
        }
        assertThat(c.path("servedVersions").valueStream().map(JsonNode::asString).toList())
                .contains(c.path("apiVersion").asString());
        assertThat(c.has("error")).isFalse();
        System.out.printf("ClustersIT: %s is reachable, Slurm %s, API %s (served %s)%n", expected.name(),
                c.path("release").asString(), c.path("apiVersion").asString(), c.path("servedVersions"));
    }

    @Test
    void aClusterOnADeadPortIsListedUnreachableWithAShortError() {
        TestHttp.Response r = admin.get("/api/v1/clusters");

        assertThat(r.status()).isEqualTo(200);
        JsonNode dead = byName(r.json(), "dead");
        assertThat(dead.path("reachable").asBoolean()).isFalse();
        assertThat(dead.path("release").isNull()).isTrue();
        assertThat(dead.path("apiVersion").isNull()).isTrue();
        String error = dead.path("error").asString();
        assertThat(error).isNotBlank().hasSizeLessThanOrEqualTo(240).doesNotContain("\n").doesNotContain("\tat ");
        assertThat(r.body()).doesNotContain("eyJ"); // no JWT anywhere in the answer
    }

    @Test
    void oneClusterByNameAndAnUnknownNameAsAProblem() {
        TestHttp.Response dead = admin.get("/api/v1/clusters/dead");
        assertThat(dead.status()).isEqualTo(200);
        assertThat(dead.json().path("name").asString()).isEqualTo("dead");

        TestHttp.Response unknown = admin.get("/api/v1/clusters/no-such-cluster");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().path("title").asString()).isEqualTo("Unknown cluster");
        assertThat(unknown.json().path("detail").asString()).contains("no-such-cluster");
        assertThat(unknown.json().path("instance").asString()).isEqualTo("/api/v1/clusters/no-such-cluster");
    }

    @Test
    void healthHasAClustersComponentWithEachClusterAndStaysUpWhenOneIsDown() {
        List<LabCluster> lab = TestLab.present();

        TestHttp.Response r = admin.get("/actuator/health");

        assertThat(r.status()).isEqualTo(200);
        JsonNode health = r.json();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode clusters = health.path("components").path("clusters");
        assertThat(clusters.path("status").asString()).isEqualTo("UP");
        assertThat(clusters.path("details").path("dead").path("status").asString()).isEqualTo("DOWN");
        assertThat(clusters.path("details").path("dead").path("error").asString()).isNotBlank();
        for (LabCluster c : lab) {
            JsonNode d = clusters.path("details").path(c.name());
            assertThat(d.path("status").asString()).as("%s in health", c).isEqualTo("UP");
            assertThat(d.path("release").asString()).isEqualTo(c.release());
        }
        assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void anonymousHealthShowsComponentsWithoutDetails() {
        TestHttp.Response r = new TestHttp(port).get("/actuator/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("components").path("clusters").path("status").asString()).isEqualTo("UP");
        assertThat(r.json().path("components").path("clusters").has("details")).isFalse();
    }

    @Test
    void prometheusMetricsAreExposed() {
        TestHttp.Response r = new TestHttp(port).get("/actuator/prometheus");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    @Test
    void theApiNeedsALogin() {
        TestHttp.Response anonymous = new TestHttp(port).get("/api/v1/clusters", "Accept", "application/json");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(anonymous.json().path("status").asInt()).isEqualTo(401);

        TestHttp.Response wrong = new TestHttp(port).basic("admin", "wrong-password").get("/api/v1/clusters");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("Exception");
    }

    @Test
    void theOpenApiDescriptionAndSwaggerUiAreThereForLoggedInUsers() {
        TestHttp.Response docs = admin.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.has("/api/v1/clusters")).isTrue();
        assertThat(paths.has("/api/v1/users")).isTrue();
        assertThat(paths.has("/api/v1/me")).isTrue();

        TestHttp.Response ui = admin.get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger");

        TestHttp.Response anonymous = new TestHttp(port).get("/v3/api-docs");
        assertThat(anonymous.status()).isIn(302, 401);
    }
}
