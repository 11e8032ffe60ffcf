package org.slurmworkbench.slurm.v0038;

import org.slurmworkbench.slurm.rest.Statistics;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.Association;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.slurm.Ping;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.slurm.rest.RecordedAccounts;
import org.slurmworkbench.slurm.rest.RecordedHetJob;
import org.slurmworkbench.slurm.rest.ErrorClassifier;
import org.slurmworkbench.slurm.rest.RestTransport;
import tools.jackson.databind.JsonNode;

/**
 * Replays every answer the real 22.05 daemons gave to {@code lab.RecordResponses} (files under
 * {@code recorded/<series>/v0.0.38/}) through {@link V0038Reader}, one dynamic test per file, chosen by the
 * file's name. A file nobody checks fails the run, so new recordings cannot slip through unread. What is
 * asserted is what the lab is built to have: nodes c1, c2 (CPU) and g1, g2 (4 GPUs each), partitions cpu and
 * gpu, QOS normal and gpu (with a per-user gres/gpu limit), users alice, bob, carol and wbadmin.
 */
class V0038RecordedResponsesTest {

    private static final String VERSION = "v0.0.38";
    /** Every call lab.RecordResponses makes; each must have its answer recorded. */
    private static final List<String> EXPECTED_CALLS = List.of("ping", "diag", "nodes", "partitions", "submit-single",
            "submit-array", "submit-gpu", "submit-held", "jobs", "job-single", "job-array", "job-gpu", "cancel",
            "job-cancelled", "error-unknown-job", "accounting-jobs", "qos", "associations", "error-qos-denied", "accounts",
            "accounting-hetjob", "accounting-failed");

    @TestFactory
    Stream<DynamicTest> everyRecordedFileParses() throws IOException, URISyntaxException {
        List<Path> dirs = versionDirs();
        assertThat(dirs).as("recorded/*/" + VERSION + " directories").isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : dirs) {
            Recording rec = new Recording(dir);
            assertThat(rec.files()).as("recorded calls in " + dir + " (a partial recording must not pass)")
                    .extracting(f -> f.getFileName().toString().replaceFirst("\\.json$", ""))
                    .containsAll(EXPECTED_CALLS);
            for (Path file : rec.files()) {
                String call = file.getFileName().toString().replaceFirst("\\.json$", "");
                tests.add(DynamicTest.dynamicTest(dir.getParent().getFileName() + "/" + call,
                        () -> check(call).accept(rec.withCall(call))));
            }
        }
        return tests.stream();
    }

    private static Consumer<Recorded> check(String call) {
        return switch (call) {
            case "ping" -> V0038RecordedResponsesTest::ping;
            case "diag" -> V0038RecordedResponsesTest::diag;
            case "nodes" -> V0038RecordedResponsesTest::nodes;
            case "partitions" -> V0038RecordedResponsesTest::partitions;
            case "submit-single", "submit-array", "submit-gpu" -> V0038RecordedResponsesTest::submitAccepted;
            case "submit-held" -> V0038RecordedResponsesTest::submitHeld;
            case "jobs" -> V0038RecordedResponsesTest::jobs;
            case "job-single" -> V0038RecordedResponsesTest::jobSingle;
            case "job-array" -> V0038RecordedResponsesTest::jobArray;
            case "job-gpu" -> V0038RecordedResponsesTest::jobGpu;
            case "cancel" -> r -> assertThat(r.errors()).isEmpty();
            case "job-cancelled" -> V0038RecordedResponsesTest::jobCancelled;
            case "error-unknown-job" -> r -> assertThat(r.classified()).isInstanceOf(SlurmException.NotFound.class);
            case "error-qos-denied" -> r -> assertThat(r.classified()).isInstanceOf(SlurmException.PermissionDenied.class);
            case "accounting-jobs" -> V0038RecordedResponsesTest::accountingJobs;
            case "accounting-hetjob" -> r -> RecordedHetJob.check(V0038Reader.accountingJobs(r.body()));
            case "accounting-failed" -> V0038RecordedResponsesTest::accountingFailed;
            case "qos" -> V0038RecordedResponsesTest::qos;
            case "associations" -> V0038RecordedResponsesTest::associations;
            case "accounts" -> r -> RecordedAccounts.check(r.body());
            default -> r -> {
                throw new AssertionError("no check for recorded call '" + call + "': add one to " + V0038RecordedResponsesTest.class.getSimpleName());
            };
        };
    }

    private static void ping(Recorded r) {
        List<Ping> pings = V0038Reader.ping(r.body());
        assertThat(pings).isNotEmpty();
        assertThat(pings).anySatisfy(p -> {
            assertThat(p.primary()).isTrue();
            assertThat(p.responding()).isTrue();
            assertThat(p.hostname()).isNotBlank();
            assertThat(p.latencyMicros()).isEqualTo(-1);
        });
    }

    private static void diag(Recorded r) {
        Diag d = Statistics.diag(r.body());
        assertThat(d.requestTime()).isNotNull();
        assertThat(d.statisticsSince()).isNotNull().isBeforeOrEqualTo(d.requestTime());
        assertThat(d.serverThreadCount()).isPositive();
        assertThat(d.jobsSubmitted()).isGreaterThanOrEqualTo(d.jobsPending());
        assertThat(d.scheduleCycleMaxMicros()).isGreaterThanOrEqualTo(d.scheduleCycleLastMicros());
        // 22.05 lacks how deep the last backfill cycle went and the sum of main depths; it has bf_cycle_max.
        assertThat(d.backfill().lastDepth()).isNull();
        assertThat(d.backfill().lastDepthTried()).isNull();
        assertThat(d.main().depthSum()).isNull();
        assertThat(d.backfill().cycleMaxMicros()).isNotNull().isGreaterThanOrEqualTo(d.backfillCycleLastMicros());
        assertThat(d.backfill().queueLength()).isNotNull();
        assertThat(d.main().queueLength()).isNotNull();
        assertThat(d.backfill().lastCycleAt()).isNotNull();
        assertThat(d.rpcsByType()).isNotEmpty().anySatisfy(t -> assertThat(t.type()).isEqualTo("REQUEST_PING"));
        assertThat(d.rpcsByUser()).extracting(Diag.RpcByUser::user).contains("root", "alice");
        assertThat(d.rpcsByUser().stream().mapToLong(Diag.RpcByUser::count).sum()).isEqualTo(d.rpcCount());
    }

    private static void nodes(Recorded r) {
        List<Node> nodes = V0038Reader.nodes(r.body());
        assertThat(nodes).extracting(Node::name).containsExactlyInAnyOrder("c1", "c2", "g1", "g2");
        for (Node n : nodes) {
            assertThat(n.cpus()).as(n.name() + " cpus").isPositive();
            assertThat(n.allocatedCpus()).isBetween(0, n.cpus());
            assertThat(n.realMemoryMb()).isPositive();
            assertThat(n.tres().cpus()).isEqualTo(n.cpus());
            assertThat(n.states()).isNotEmpty().allSatisfy(s -> assertThat(s).isUpperCase());
            assertThat(n.baseState()).isIn("IDLE", "MIXED", "ALLOCATED", "DOWN", "COMPLETING");
            assertThat(n.allocatedGpus()).isBetween(0, n.gpus());
            assertThat(n.partitions()).contains("cpu");
            assertThat(n.slurmdVersion()).startsWith("22.05");
        }
        Map<String, Node> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        assertThat(byName.get("g1").gpus()).isEqualTo(4);
        assertThat(byName.get("g2").gpus()).isEqualTo(4);
        assertThat(byName.get("g1").tres().gpus()).isEqualTo(4);
        assertThat(byName.get("g1").partitions()).contains("gpu");
        assertThat(byName.get("c1").gpus()).isZero();
        assertThat(byName.get("c1").partitions()).doesNotContain("gpu");
    }

    private static void partitions(Recorded r) {
        List<Partition> parts = V0038Reader.partitions(r.body());
        assertThat(parts).extracting(Partition::name).containsExactlyInAnyOrder("cpu", "gpu");
        Partition cpu = parts.stream().filter(p -> p.name().equals("cpu")).findFirst().orElseThrow();
        Partition gpu = parts.stream().filter(p -> p.name().equals("gpu")).findFirst().orElseThrow();
        assertThat(cpu.isDefault()).isTrue();
        assertThat(gpu.isDefault()).isFalse();
        assertThat(cpu.totalNodes()).isEqualTo(4);
        assertThat(gpu.totalNodes()).isEqualTo(2);
        assertThat(gpu.tres().gpus()).isEqualTo(8);
        assertThat(cpu.totalCpus()).isEqualTo((int) cpu.tres().cpus()).isPositive();
        assertThat(cpu.state()).isEqualTo("UP");
        // max_time_limit -1 (UNLIMITED) on the lab.
        assertThat(cpu.maxTimeMinutes()).isNull();
    }

    private static void submitAccepted(Recorded r) {
        SubmitResult result = V0038Reader.submitResult(r.body(), r.errors(), r.warnings());
        assertThat(result.jobId()).isPositive();
        assertThat(result.notices()).isEmpty();
    }

    private static void submitHeld(Recorded r) {
        assertThat(r.status()).isEqualTo(200);
        SubmitResult result = V0038Reader.submitResult(r.body(), r.errors(), r.warnings());
        assertThat(result.jobId()).isPositive();
        assertThat(result.notices()).extracting(SlurmError::number).contains(ErrorClassifier.JOB_HELD);
    }

    private static void jobs(Recorded r) {
        List<Job> jobs = V0038Reader.jobs(r.body());
        assertThat(jobs).isNotEmpty().allSatisfy(j -> {
            assertThat(j.jobId()).isPositive();
            assertThat(j.states()).hasSize(1);
            assertThat(j.user()).isNotBlank();
            assertThat(j.submitTime()).isNotNull();
            assertThat(j.cluster()).isNotBlank();
        });
        long arrayId = r.submittedJobId("submit-array");
        assertThat(jobs).filteredOn(j -> j.jobId() == arrayId || Long.valueOf(arrayId).equals(j.arrayJobId()))
                .isNotEmpty().allSatisfy(j -> {
                    assertThat(j.isArray()).isTrue();
                    assertThat(j.name()).isEqualTo("rec-array");
                });
        long gpuId = r.submittedJobId("submit-gpu");
        assertThat(jobs).filteredOn(j -> j.jobId() == gpuId).singleElement()
                .satisfies(j -> assertThat(j.gpus()).isEqualTo(1));
        long heldId = r.submittedJobId("submit-held");
        assertThat(jobs).filteredOn(j -> j.jobId() == heldId).singleElement().satisfies(j -> {
            assertThat(j.state()).isEqualTo("PENDING");
            assertThat(j.stateReason()).isEqualTo("JobHeldUser");
            assertThat(j.priority()).isZero();
        });
    }

    private static void jobSingle(Recorded r) {
        Job job = single(r);
        assertThat(job.jobId()).isEqualTo(r.submittedJobId("submit-single"));
        assertThat(job.name()).isEqualTo("rec-single");
        assertThat(job.user()).isEqualTo("alice");
        assertThat(job.account()).isEqualTo("physics");
        assertThat(job.workDir()).isEqualTo("/tmp");
        assertThat(job.isArray()).isFalse();
        assertThat(job.tresRequested().cpus()).isPositive();
        assertThat(job.tresRequested().memoryMb()).isPositive();
        // submitted without --mem: the lab's DefMemPerCPU=1000 applies, per CPU
        assertThat(job.memoryPerCpuMb()).isEqualTo(1000L);
        assertThat(job.memoryPerNodeMb()).isNull();
        assertThat(job.exitSignal()).isNull();
    }

    private static void jobArray(Recorded r) {
        long arrayId = r.submittedJobId("submit-array");
        List<Job> records = V0038Reader.jobs(r.body());
        assertThat(records).isNotEmpty().allSatisfy(j -> {
            assertThat(j.arrayJobId()).isEqualTo(arrayId);
            assertThat(j.isArray()).isTrue();
            assertThat(j.name()).isEqualTo("rec-array");
        });
        // Submitted as 0-3%2: a task, running or not, is either its own record or in the pending range.
        for (Job j : records) {
            if (j.arrayTaskId() == null) {
                assertThat(j.state()).isEqualTo("PENDING");
                assertThat(j.arrayTaskString()).matches("[0-9,\\-]+%2");
            } else {
                assertThat(j.arrayTaskId()).isBetween(0, 3);
            }
        }
    }

    private static void jobGpu(Recorded r) {
        Job job = single(r);
        assertThat(job.jobId()).isEqualTo(r.submittedJobId("submit-gpu"));
        assertThat(job.partition()).isEqualTo("gpu");
        assertThat(job.qos()).isEqualTo("gpu");
        assertThat(job.tresRequested().gpus()).isEqualTo(1);
        assertThat(job.gpus()).isEqualTo(1);
    }

    private static void jobCancelled(Recorded r) {
        Job job = single(r);
        assertThat(job.jobId()).isEqualTo(r.submittedJobId("submit-single"));
        // Read right after DELETE: the kill may still be in progress.
        assertThat(job.state()).isIn("CANCELLED", "COMPLETING");
    }

    private static void accountingJobs(Recorded r) {
        List<AccountingJob> jobs = V0038Reader.accountingJobs(r.body());
        org.slurmworkbench.slurm.rest.RecordedStepUsage.check(jobs, r.body());
        assertThat(jobs).isNotEmpty().allSatisfy(j -> {
            assertThat(j.jobId()).isPositive();
            assertThat(j.user()).isIn("alice", "bob", "carol", "wbadmin", "root");
            assertThat(j.account()).isNotBlank();
            assertThat(j.states()).hasSize(1);
            assertThat(j.submitTime()).isNotNull();
            assertThat(j.elapsedSeconds()).isNotNegative();
            assertThat(j.tresRequested().cpus()).isPositive();
            if (j.arrayJobId() != null) {
                assertThat(j.arrayTaskId()).isNotNull().isNotNegative();
            }
            // Recorded without heterogeneous jobs: het.job_id 0 and an unset offset read as not heterogeneous.
            assertThat(j.hetJobId()).isNull();
            assertThat(j.hetJobOffset()).isNull();
            if (j.endTime() != null && j.startTime() != null) {
                assertThat(j.endTime()).isAfterOrEqualTo(j.startTime());
            }
        });
        // The lab's self-test and every recording run a GPU job, and slurmdbd keeps it.
        assertThat(jobs).anySatisfy(j -> {
            assertThat(j.tresRequested().gpus()).isPositive();
            assertThat(j.partition()).isEqualTo("gpu");
        });
    }

    private static void qos(Recorded r) {
        assertThat(r.body().has("QOS")).as("22.05 lists QOS under \"QOS\"").isTrue();
        List<Qos> qos = V0038Reader.qos(r.body());
        assertThat(qos).extracting(Qos::name).contains("normal", "gpu");
        Qos gpu = qos.stream().filter(q -> q.name().equals("gpu")).findFirst().orElseThrow();
        assertThat(gpu.maxTresPerUser().values()).containsKey("gres/gpu");
        assertThat(gpu.maxTresPerUser().gpus()).isPositive();
        assertThat(gpu.usageFactor()).isEqualTo(1.0);
        Qos normal = qos.stream().filter(q -> q.name().equals("normal")).findFirst().orElseThrow();
        assertThat(normal.maxTresPerUser().values()).isEmpty();
        assertThat(normal.maxJobsPerUser()).isNull();
    }

    private static void associations(Recorded r) {
        List<Association> assocs = V0038Reader.associations(r.body());
        assertThat(assocs).isNotEmpty().allSatisfy(a -> {
            assertThat(a.cluster()).isNotBlank();
            assertThat(a.account()).isNotBlank();
            assertThat(a.user()).isNotNull();
            assertThat(a.qos()).contains("normal");
        });
        assertThat(assocs).filteredOn(a -> a.user().equals("alice")).singleElement().satisfies(a -> {
            assertThat(a.account()).isEqualTo("physics");
            assertThat(a.qos()).contains("gpu");
            assertThat(a.defaultQos()).isEqualTo("normal");
        });
        assertThat(assocs).filteredOn(a -> a.user().equals("carol")).singleElement()
                .satisfies(a -> assertThat(a.account()).isEqualTo("chemistry"));
        // An account's own association has an empty user.
        assertThat(assocs).anySatisfy(a -> {
            assertThat(a.account()).isEqualTo("physics");
            assertThat(a.user()).isEmpty();
            assertThat(a.parentAccount()).isEqualTo("root");
        });
    }

    private static Job single(Recorded r) {
        List<Job> jobs = V0038Reader.jobs(r.body());
        assertThat(jobs).hasSize(1);
        return jobs.getFirst();
    }

    private static List<Path> versionDirs() throws IOException, URISyntaxException {
        URL root = V0038RecordedResponsesTest.class.getResource("/recorded");
        assertThat(root).as("recorded/ on the test classpath").isNotNull();
        try (Stream<Path> series = Files.list(Path.of(root.toURI()))) {
            return series.map(s -> s.resolve(VERSION)).filter(Files::isDirectory).sorted().toList();
        }
    }

    /** One recording directory: its files and the HTTP status of each call, from index.tsv. */
    private record Recording(Path dir, Map<String, Integer> statuses) {
        Recording(Path dir) throws IOException {
            this(dir, readIndex(dir.resolve("index.tsv")));
        }

        List<Path> files() throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
        }

        Recorded withCall(String call) {
            return new Recorded(this, call);
        }

        private static Map<String, Integer> readIndex(Path index) throws IOException {
            Map<String, Integer> out = new HashMap<>();
            for (String line : Files.readAllLines(index)) {
                String[] f = line.split("\t");
                if (f.length == 4 && f[3].matches("\\d{3}")) {
                    out.put(f[0], Integer.parseInt(f[3]));
                }
            }
            return out;
        }
    }

    /** One recorded answer, with the reading helpers the checks share. */
    private record Recorded(Recording recording, String call) {
        JsonNode body() {
            return read(call);
        }

        int status() {
            Integer status = recording.statuses().get(call);
            assertThat(status).as("status of " + call + " in index.tsv").isNotNull();
            return status;
        }

        List<SlurmError> errors() {
            return RestTransport.readErrors(body(), "errors");
        }

        List<SlurmError> warnings() {
            return RestTransport.readErrors(body(), "warnings");
        }

        SlurmException classified() {
            SlurmException e = ErrorClassifier.classify(status(), errors(), call);
            assertThat(e).as("an error answer").isNotNull();
            return e;
        }

        long submittedJobId(String submitCall) {
            long id = read(submitCall).path("job_id").asLong(0);
            assertThat(id).as("job id in " + submitCall + ".json").isPositive();
            return id;
        }

        private JsonNode read(String name) {
            try {
                return RestTransport.JSON.readTree(Files.readString(recording.dir().resolve(name + ".json")));
            } catch (IOException e) {
                throw new AssertionError("cannot read " + name + ".json", e);
            }
        }
    }

    /**
     * A job that exited with 3 (sacct: FAILED, 3:0). 22.05's slurmdbd REST plugin writes its exit code as SUCCESS / 0,
     * which is not what the job returned: the reader says "not known" (null) rather than pass the 0 on.
     */
    private static void accountingFailed(Recorded r) {
        List<AccountingJob> jobs = V0038Reader.accountingJobs(r.body());
        assertThat(jobs).singleElement().satisfies(j -> {
            assertThat(j.name()).isEqualTo("rec-failed");
            assertThat(j.state()).isEqualTo("FAILED");
            assertThat(j.exitCode()).isNull();
            assertThat(j.endTime()).isNotNull();
            assertThat(j.steps()).anySatisfy(step -> {
                assertThat(step.id()).isEqualTo("batch");
                assertThat(step.state()).isEqualTo("FAILED");
                assertThat(step.exitCode()).as("written as 0 like the job's").isNull();
                assertThat(step.nodes()).isNotBlank();
                assertThat(step.cpuMillis()).isNotNegative();
            });
        });
    }
}
