package org.slurmworkbench.slurm.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.SlurmClientConfig;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.v0038.V0038Reader;
import org.slurmworkbench.slurm.v0040.V0040Reader;
import tools.jackson.databind.JsonNode;

/**
 * Job and node lists are lifted while they stream in (never held whole): for every recorded answer of every
 * release and API version, the streamed records must equal what the tree readers make of the same bytes, and the
 * transport must hand them over the same way from a real HTTP exchange.
 */
class StreamedListsTest {

    private static final List<String> LISTS = List.of("jobs", "job-single", "job-array", "job-gpu", "job-cancelled", "nodes");

    @TestFactory
    Stream<DynamicTest> streamedRecordsEqualTreeRecords() throws IOException, URISyntaxException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : versionDirs()) {
            ApiVersion version = ApiVersion.parse(dir.getFileName().toString());
            for (String call : LISTS) {
                Path file = dir.resolve(call + ".json");
                if (!Files.exists(file)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(dir.getParent().getFileName() + "/" + version + "/" + call, () -> {
                    JsonNode tree = RestTransport.JSON.readTree(Files.readAllBytes(file));
                    String field = call.equals("nodes") ? "nodes" : "jobs";
                    ListBody<Object> streamed;
                    try (InputStream in = Files.newInputStream(file)) {
                        streamed = ListBody.read(in, field, element(version, field));
                    }
                    assertThat(streamed.items()).isNotEmpty().isEqualTo(treeRecords(tree, version, field));
                    assertThat(streamed.rest().has(field)).isFalse();
                    assertThat(streamed.rest().has("meta")).isTrue();
                    if (field.equals("jobs") && !version.toString().equals("v0.0.38")) {
                        assertThat(V0040Reader.jobsSnapshot(castJobs(streamed.items()), streamed.rest(), null))
                                .isEqualTo(V0040Reader.jobsSnapshot(tree, version, null));
                    }
                }));
            }
        }
        assertThat(tests).as("recorded job and node lists").hasSizeGreaterThanOrEqualTo(8 * LISTS.size());
        return tests.stream();
    }

    @Test
    void transportStreamsARealHttpAnswerAndReportsACutOffOne() throws Exception {
        Path dir = versionDirs().stream().filter(d -> d.getFileName().toString().equals("v0.0.42")).findFirst().orElseThrow();
        byte[] jobs = Files.readAllBytes(dir.resolve("jobs.json"));
        ApiVersion version = ApiVersion.parse("v0.0.42");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/whole", x -> {
            x.sendResponseHeaders(200, 0); // chunked: the client cannot know the length up front
            try (OutputStream out = x.getResponseBody()) {
                for (int i = 0; i < jobs.length; i += 1000) {
                    out.write(jobs, i, Math.min(1000, jobs.length - i));
                    out.flush();
                }
            }
        });
        server.createContext("/cut", x -> {
            x.sendResponseHeaders(200, jobs.length); // promises all, sends half
            x.getResponseBody().write(jobs, 0, jobs.length / 2);
            x.getResponseBody().flush();
            x.close();
        });
        server.start();
        try {
            SlurmClientConfig config = new SlurmClientConfig(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    user -> "token", "admin", null, null, null, 1, null);
            RestTransport transport = new RestTransport(config);
            RestTransport.ListResponse<Job> answer = transport.getList("alice", "/whole", Map.of(), "jobs",
                    j -> V0040Reader.job(j, version));
            assertThat(answer.items()).isNotEmpty()
                    .isEqualTo(V0040Reader.jobs(RestTransport.JSON.readTree(jobs), version));
            assertThat(answer.response().body().has("last_update")).isTrue();
            assertThatThrownBy(() -> transport.getList("alice", "/cut", Map.of(), "jobs", j -> V0040Reader.job(j, version)))
                    .isInstanceOf(SlurmException.Unavailable.class).hasMessageContaining("cut off");
        } finally {
            server.stop(0);
        }
    }

    private static Function<JsonNode, Object> element(ApiVersion version, String field) {
        boolean v38 = version.toString().equals("v0.0.38");
        if (field.equals("nodes")) {
            return v38 ? V0038Reader::node : n -> V0040Reader.node(n, version);
        }
        return v38 ? V0038Reader::job : j -> V0040Reader.job(j, version);
    }

    private static List<?> treeRecords(JsonNode tree, ApiVersion version, String field) {
        boolean v38 = version.toString().equals("v0.0.38");
        if (field.equals("nodes")) {
            return v38 ? V0038Reader.nodes(tree) : V0040Reader.nodes(tree, version);
        }
        return v38 ? V0038Reader.jobs(tree) : V0040Reader.jobs(tree, version);
    }

    @SuppressWarnings("unchecked")
    private static List<Job> castJobs(List<?> items) {
        return (List<Job>) items;
    }

    private static List<Path> versionDirs() throws IOException, URISyntaxException {
        Path root = Path.of(StreamedListsTest.class.getResource("/recorded").toURI());
        List<Path> out = new ArrayList<>();
        try (Stream<Path> series = Files.list(root)) {
            for (Path s : series.sorted().toList()) {
                try (Stream<Path> versions = Files.list(s)) {
                    versions.filter(Files::isDirectory).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }
}
