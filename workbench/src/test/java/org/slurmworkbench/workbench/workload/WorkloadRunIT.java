package org.slurmworkbench.workbench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestPlans;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A 500-job workload with a fixed seed runs to completion on every lab release (all at once) through the queue, as
 * alice, bob and carol; then every job's wait and run time in the analysis equals what {@code sacct} reports (within 1 s), and the
 * run holds each sequence number exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class WorkloadRunIT {

    static final int JOBS = 500;

    @LocalServerPort
    int port;

    /** One run per release, all at once: several runs on several clusters is also what a site does. */
    @Test
    void fiveHundredJobsRunToCompletionOnEveryReleaseAndTheAnalysisMatchesSacct() throws InterruptedException {
        TestLab.onEveryReleaseAtOnce(this::fiveHundredJobsRunToCompletionAndTheAnalysisMatchesSacct);
    }

    private void fiveHundredJobsRunToCompletionAndTheAnalysisMatchesSacct(LabCluster c) {
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        TestHttp.Response created = admin.postJson("/api/v1/workloads/runs",
                TestPlans.request(c.name(), 42, JOBS, 1, 4, 1, 5, 10, 16));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("run").path("id").asString();
        assertThat(created.json().path("progress").path("planned").asLong()).isEqualTo(JOBS);

        TestHttp.Response started = admin.postJson("/api/v1/workloads/runs/" + id + "/start", "");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        JsonNode done = await(admin, "/api/v1/workloads/runs/" + id, r -> r.path("run").path("state").asString().equals("DONE"),
                Duration.ofMinutes(6));
        assertThat(done.path("progress").path("submitted").asLong()).as(done.toString()).isEqualTo(JOBS);
        assertThat(done.path("progress").path("percent").asDouble()).isEqualTo(100.0);

        JsonNode analysis = await(admin, "/api/v1/workloads/runs/" + id + "/analysis",
                a -> a.path("complete").asBoolean(), Duration.ofMinutes(5));
        JsonNode jobs = analysis.path("metrics").path("jobs");
        assertThat(jobs.size()).isEqualTo(JOBS);
        assertThat(analysis.path("metrics").path("all").path("finished").asLong()).isEqualTo(JOBS);

        Map<String, long[]> sacct = sacctOnceRecorded(c, id);
        assertThat(sacct).as("sacct jobs of run %s", id).hasSize(JOBS);
        java.util.Set<Integer> seqs = new java.util.HashSet<>();
        for (JsonNode j : jobs) {
            assertThat(seqs.add(j.path("seq").asInt())).as("seq %s once", j.path("seq")).isTrue();
            long[] times = sacct.get("wb-" + id + "-" + j.path("seq").asInt());
            assertThat(times).as("sacct has seq %s", j.path("seq")).isNotNull();
            assertThat(times[0]).as("job id of seq %s", j.path("seq")).isEqualTo(j.path("slurmJobId").asLong());
            double sacctWait = times[2] - times[1];
            double sacctRun = times[3] - times[2];
            assertThat(j.path("waitSeconds").asDouble()).as("wait of %s", j).isCloseTo(sacctWait, org.assertj.core.data.Offset.offset(1.0));
            assertThat(j.path("runSeconds").asDouble()).as("run of %s", j).isCloseTo(sacctRun, org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(seqs).hasSize(JOBS);
        JsonNode wait = analysis.path("metrics").path("all").path("waitSeconds");
        assertThat(wait.path("max").asDouble()).isGreaterThanOrEqualTo(wait.path("p95").asDouble());
        assertThat(wait.path("p95").asDouble()).isGreaterThanOrEqualTo(wait.path("p50").asDouble());
        assertThat(analysis.path("metrics").path("utilization").path("meanCpuPercent").asDouble()).isGreaterThan(0);
        assertThat(analysis.path("metrics").path("byUser").size()).isEqualTo(3);
    }

    /**
     * Job name -> {job id, submit, start, end} (epoch seconds) of the run's jobs, as sacct prints them; -1 for a time
     * sacct does not know yet ("Unknown": not started or not ended).
     */
    public static Map<String, long[]> sacct(LabCluster c, String runId) {
        String out = LabShell.run(c, "env", "SLURM_TIME_FORMAT=%s", "sacct", "-X", "-n", "-P", "-a", "-S", "now-1hours",
                "-E", "now", "-o", "JobID,JobName,Submit,Start,End");
        Map<String, long[]> jobs = new HashMap<>();
        for (String line : out.lines().toList()) {
            String[] f = line.split("\\|");
            if (f.length == 5 && f[1].startsWith("wb-" + runId + "-") && f[0].matches("\\d+")) {
                long[] old = jobs.put(f[1], new long[]{Long.parseLong(f[0]), epoch(f[2]), epoch(f[3]), epoch(f[4])});
                assertThat(old).as("%s submitted twice", f[1]).isNull();
            }
        }
        return jobs;
    }

    /**
     * sacct's view of the run once slurmdbd holds every job's start and end, or its last view after 3 minutes (the
     * checks then say what is missing). slurmdbd records them after slurmctld, and so the analysis, knows them: under
     * the load of 1,500 jobs a CI run saw a finished job still without its start in sacct.
     */
    private static Map<String, long[]> sacctOnceRecorded(LabCluster c, String runId) {
        Instant until = Instant.now().plus(Duration.ofMinutes(3));
        Map<String, long[]> jobs = sacct(c, runId);
        while (!(jobs.size() == JOBS && jobs.values().stream().allMatch(t -> t[2] >= 0 && t[3] >= 0))
                && Instant.now().isBefore(until)) {
            pause();
            jobs = sacct(c, runId);
        }
        return jobs;
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long epoch(String sacctTime) {
        return sacctTime.matches("\\d+") ? Long.parseLong(sacctTime) : -1;
    }

    static JsonNode await(TestHttp who, String path, Predicate<JsonNode> done, Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        JsonNode last = null;
        int unanswered = 0;
        while (Instant.now().isBefore(until)) {
            TestHttp.Response r = getUnlessStalled(who, path);
            if (r == null || r.status() == 503) {
                unanswered++;
            } else {
                assertThat(r.status()).as("GET %s: %s", path, r.body()).isEqualTo(200);
                last = r.json();
                if (done.test(last)) {
                    if (unanswered > 0) {
                        System.out.printf("GET %s: %d requests timed out or got 503 on the way%n", path, unanswered);
                    }
                    return last;
                }
            }
            pause();
        }
        throw new AssertionError(path + " did not get there in " + timeout + " (" + unanswered
                + " requests timed out or got 503); last seen: " + last);
    }

    /**
     * The answer, or null when the request timed out: 1,500 jobs starting within seconds on three labs stall two cores
     * for up to half a minute (load > 100, measured), so a poll that times out, or gets the app's 503 for a store that
     * did not answer in time, is asked again; only the whole wait is bounded.
     */
    private static TestHttp.Response getUnlessStalled(TestHttp who, String path) {
        try {
            return who.get(path);
        } catch (AssertionError e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                return null;
            }
            throw e;
        }
    }
}
