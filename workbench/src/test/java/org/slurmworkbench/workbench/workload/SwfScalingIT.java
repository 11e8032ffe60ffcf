package org.slurmworkbench.workbench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A public trace whose header gives MaxNodes but no MaxProcs (the first 2,000 jobs of the Lublin-model lublin_256, see
 * {@code src/test/resources/swf/README.md}) keeps its offered load on a lab release: the preview's CPU load is the
 * trace's own within 1 %, and a run of a window of it, replayed, has in {@code sacct} the CPUs and nodes of the plan.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class SwfScalingIT {

    private static final String TRACE = "/swf/lublin_256-first-2000.swf";
    /** Jobs 13 to 32: 20 jobs, all in the preview's sample, arriving over 4,100 s and running up to 24,089 s. */
    private static final long FROM_JOB = 13;
    private static final long TO_JOB = 32;
    /** Arrivals and run times a thousand times faster: the window arrives in 4 s, its longest job runs 24 s. */
    private static final String COMPRESSION = "1000";

    @LocalServerPort
    int port;

    @Test
    void aMaxNodesTraceKeepsItsLoadAndItsReplayedJobsHaveThePlansCpus() throws IOException {
        LabCluster c = TestLab.present().getFirst();
        String swf = trace();
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password").timeout(Duration.ofSeconds(60));

        TestHttp.Response whole = admin.postMultipart("/api/v1/workloads/swf/preview", Map.of("cluster", c.name()),
                "file", "lublin_256-first-2000.swf", swf, "Accept-Language", "en");
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        JsonNode report = whole.json().path("report");
        assertThat(report.path("imported").asLong()).isEqualTo(2000);
        assertThat(report.path("machine").path("source").asString()).isEqualTo("MAX_NODES");
        assertThat(report.path("machine").path("processors").asLong()).isEqualTo(256);
        int cpus = report.path("partition").path("cpus").asInt();
        assertThat(report.path("factor").asDouble()).isEqualTo(cpus / 256.0);
        double own = ownLoad(swf, 256);
        double previewLoad = whole.json().path("summary").path("cpuLoad").asDouble();
        System.out.printf("[swf scaling] %s: trace's own load %.4f, report's %.4f, plan's %.4f, preview's %.4f, factor %s%n",
                c, own, report.path("load").path("traceLoad").asDouble(), report.path("load").path("planLoad").asDouble(),
                previewLoad, report.path("factor").asDouble());
        assertThat(report.path("load").path("traceLoad").asDouble()).isCloseTo(own, within(1e-9));
        if (whole.json().path("summary").path("cpus").asInt() == cpus) {
            // the preview measures against the whole cluster: the same as the default partition on the lab
            assertThat(previewLoad / own).as("preview's load / trace's own").isCloseTo(1.0, within(0.01));
        }
        assertThat(report.path("load").path("planLoad").asDouble() / own).isCloseTo(1.0, within(0.01));
        assertThat(whole.json().path("warnings").isEmpty()).as(whole.json().path("warnings").toString()).isTrue();
        assertThat(whole.json().path("said").toString()).contains("MaxNodes 256, one processor per node");
        TestHttp.Response chinese = admin.postMultipart("/api/v1/workloads/swf/preview", Map.of("cluster", c.name()),
                "file", "lublin_256-first-2000.swf", swf, "Accept-Language", "zh-CN");
        assertThat(chinese.json().path("said").toString()).contains("轨迹所在机器有 256 个处理器");

        Map<String, String> window = Map.of("cluster", c.name(), "fromJob", Long.toString(FROM_JOB), "toJob",
                Long.toString(TO_JOB), "compression", COMPRESSION);
        TestHttp.Response preview = admin.postMultipart("/api/v1/workloads/swf/preview", window, "file", "lublin.swf", swf);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode plan = preview.json().path("sample");
        assertThat(plan.size()).isEqualTo((int) (TO_JOB - FROM_JOB + 1));
        List<long[]> traceJobs = jobs(swf);
        for (JsonNode j : plan) {
            long processors = traceJobs.get((int) (FROM_JOB - 2 + j.path("seq").asInt()))[2];
            double scaled = processors * cpus / 256.0;
            assertThat(j.path("cpus").asInt()).as("CPUs of %s for %d processors", j, processors)
                    .isBetween((int) Math.max(1, Math.floor(scaled)), (int) Math.max(1, Math.ceil(scaled)));
        }

        Map<String, String> create = new HashMap<>(window);
        create.put("concurrency", "8");
        create.put("rateLimit", "0");
        TestHttp.Response created = admin.postMultipart("/api/v1/workloads/runs", create, "file", "lublin.swf", swf);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("run").path("id").asString();
        TestHttp.Response started = admin.postJson("/api/v1/workloads/runs/" + id + "/start", "");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        WorkloadRunIT.await(admin, "/api/v1/workloads/runs/" + id, r -> r.path("run").path("state").asString().equals("DONE"),
                Duration.ofMinutes(5));

        Map<String, String[]> sacct = sacctOnceDone(c, id, plan.size());
        assertThat(sacct).as("sacct jobs of run %s", id).hasSize(plan.size());
        for (JsonNode j : plan) {
            String[] job = sacct.get("wb-" + id + "-" + j.path("seq").asInt());
            assertThat(job).as("sacct has seq %s", j.path("seq")).isNotNull();
            assertThat(Integer.parseInt(job[0])).as("AllocCPUS of %s", j).isEqualTo(j.path("cpus").asInt());
            assertThat(Integer.parseInt(job[1])).as("NNodes of %s", j).isEqualTo(j.path("nodes").asInt());
        }
    }

    private static String trace() throws IOException {
        try (InputStream in = SwfScalingIT.class.getResourceAsStream(TRACE)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** {job number, submit, processors, run} of every job line. */
    private static List<long[]> jobs(String swf) {
        return swf.lines().filter(l -> !l.startsWith(";")).map(l -> l.trim().split("\\s+"))
                .map(f -> new long[]{Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[4]), Long.parseLong(f[3])})
                .toList();
    }

    /** Processor-seconds over the machine's processors times the span of the arrivals: what the trace offers. */
    private static double ownLoad(String swf, int processors) {
        List<long[]> jobs = jobs(swf);
        double processorSeconds = jobs.stream().mapToDouble(j -> (double) j[2] * j[3]).sum();
        return processorSeconds / processors / (jobs.getLast()[1] - jobs.getFirst()[1]);
    }

    /** Job name -> {AllocCPUS, NNodes} once sacct has every job of the run finished, or its last view after 3 minutes. */
    private static Map<String, String[]> sacctOnceDone(LabCluster c, String runId, int jobs) {
        Instant until = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            Map<String, String[]> seen = new HashMap<>();
            boolean done = true;
            for (String line : LabShell.lines(c, "sacct", "-X", "-n", "-P", "-a", "-S", "now-1hours", "-E", "now", "-o",
                    "JobName,AllocCPUS,NNodes,State")) {
                String[] f = line.split("\\|");
                if (f.length == 4 && f[0].startsWith("wb-" + runId + "-")) {
                    seen.put(f[0], new String[]{f[1], f[2]});
                    done &= f[3].startsWith("COMPLETED");
                }
            }
            if ((done && seen.size() == jobs) || Instant.now().isAfter(until)) {
                return seen;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
