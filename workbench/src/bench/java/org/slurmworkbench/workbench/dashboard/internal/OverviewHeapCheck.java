package org.slurmworkbench.workbench.dashboard.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.ClusterInfo;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmClientConfig;
import org.slurmworkbench.slurm.rest.RestTransport;
import org.slurmworkbench.slurm.v0040.V0040Api;
import org.slurmworkbench.slurm.v0040.V0040Reader;
import org.slurmworkbench.workbench.dashboard.Overview;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds an overview of N pending jobs in this JVM, which {@code OverviewBench} starts with a small heap
 * ({@code -Xmx256m}): {@code java ... OverviewHeapCheck N streamed|tree}. slurmrestd is stood in for by a local HTTP
 * server that streams a REAL recorded job record (24.11, v0.0.42: a held individual job, ~5 KB of JSON) N times
 * with distinct ids, written as it is sent so the server holds no more than one record; nodes and partitions are
 * the recorded answers. {@code streamed} reads as the app does; {@code tree} reads the whole answer into a tree
 * first, as the client did before, for comparison. Prints one line starting "HEAP".
 */
final class OverviewHeapCheck {

    private static final String RECORDED = "/recorded/24.11/v0.0.42/";
    private static final ApiVersion VERSION = ApiVersion.parse("v0.0.42");

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean tree = args.length > 1 && args[1].equals("tree");
        ObjectNode record = heldJob();
        HttpServer server = slurmrestd(record, n);
        try {
            SlurmClientConfig config = new SlurmClientConfig(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    user -> "synthetic", "admin", null, java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(5), 1, null);
            RestTransport transport = new RestTransport(config);
            SlurmApi api = new V0040Api(transport, new ClusterInfo("24.11", "synthetic", List.of(VERSION), VERSION), "admin");
            System.gc();
            HeapWatch watch = HeapWatch.start();
            long started = System.nanoTime();
            List<Job> jobs = tree
                    ? V0040Reader.jobs(transport.get("admin", "/slurm/v0.0.42/jobs/", Map.of()).body(), VERSION)
                    : api.jobs();
            Overview o = OverviewBuilder.build("synthetic", Instant.now(), api.nodes(), api.partitions(), jobs);
            long millis = (System.nanoTime() - started) / 1_000_000;
            long peak = watch.stop();
            System.gc();
            long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (o.jobs().pending() != n || jobs.size() != n) {
                throw new AssertionError("expected " + n + " pending jobs, the overview counts " + o.jobs().pending());
            }
            System.out.printf("HEAP %s %d jobs: ok, peak %d MB (heap used, sampled every ms), live after GC %d MB "
                            + "(job list held), build %d ms, max heap %d MB%n", tree ? "tree" : "streamed", n, peak >> 20,
                    live >> 20, millis, Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            server.stop(0);
        }
    }

    /** The most heap in use (garbage included) while it ran: sampled every millisecond by a daemon thread. */
    private static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            Thread.ofPlatform().daemon().start(() -> {
                while (w.running) {
                    w.peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    LockSupport.parkNanos(1_000_000);
                }
            });
            return w;
        }

        long stop() {
            running = false;
            return peak.get();
        }
    }

    /** The recorded held individual job (JobHeldUser, no array), as slurmrestd 24.11 wrote it. */
    private static ObjectNode heldJob() throws IOException {
        for (JsonNode j : recorded("jobs.json").path("jobs")) {
            if ("JobHeldUser".equals(j.path("state_reason").asString()) && j.path("job_state").toString().contains("PENDING")
                    && j.path("array_task_string").asString("").isEmpty()) {
                return (ObjectNode) j;
            }
        }
        throw new IllegalStateException("no held individual job in " + RECORDED + "jobs.json");
    }

    private static JsonNode recorded(String file) throws IOException {
        try (InputStream in = OverviewHeapCheck.class.getResourceAsStream(RECORDED + file)) {
            if (in == null) {
                throw new IllegalStateException(RECORDED + file + " not on the test classpath (slurm-client's test jar)");
            }
            return RestTransport.JSON.readTree(in);
        }
    }

    private static HttpServer slurmrestd(ObjectNode record, int n) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/slurm/v0.0.42/jobs/", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = new BufferedOutputStream(x.getResponseBody(), 1 << 16)) {
                out.write("{\"jobs\":[".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < n; i++) {
                    ObjectNode job = record.deepCopy();
                    job.put("job_id", 1_000_000 + i);
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write(RestTransport.JSON.writeValueAsBytes(job));
                }
                out.write(("],\"last_update\":{\"set\":true,\"infinite\":false,\"number\":" + Instant.now().getEpochSecond()
                        + "},\"errors\":[],\"warnings\":[]}").getBytes(StandardCharsets.UTF_8));
            }
        });
        for (String list : List.of("nodes", "partitions")) {
            byte[] body = RestTransport.JSON.writeValueAsBytes(recorded(list + ".json"));
            server.createContext("/slurm/v0.0.42/" + list + "/", x -> {
                x.sendResponseHeaders(200, body.length);
                try (OutputStream out = x.getResponseBody()) {
                    out.write(body);
                }
            });
        }
        server.start();
        return server;
    }
}
