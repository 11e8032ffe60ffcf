package org.slurmworkbench.slurm.v0040;

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
import org.slurmworkbench.slurm.ApiVersion;
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
import org.slurmworkbench.slurm.rest.RecordedShares;
import org.slurmworkbench.slurm.rest.ErrorClassifier;
import org.slurmworkbench.slurm.rest.RestTransport;
import tools.jackson.databind.JsonNode;

/**
 * Replays every answer the real 24.11 and 26.05 daemons gave to {@code lab.RecordResponses} (files under
 * {@code recorded/<series>/v0.0.4x/}) through {@link V0040Reader} with the version of its directory, one
 * dynamic test per file, chosen by the file's name. A file nobody checks fails the run. What is asserted is
 * what the lab is built to have: nodes c1, c2 (CPU) and g1, g2 (4 GPUs each), partitions cpu (default) and
 * gpu, QOS normal and gpu (with per-user and group gres/gpu limits), users alice, bob, carol and wbadmin.
 */
class V0040RecordedResponsesTest {

    private static final ApiVersion V0042 = ApiVersion.parse("v0.0.42");
    private static final ApiVersion V0043 = ApiVersion.parse("v0.0.43");
    private static final ApiVersion V0045 = ApiVersion.parse("v0.0.45");

    @TestFactory
    Stream<DynamicTest> everyRecordedFileParses() throws IOException, URISyntaxException {
        List<Path> dirs = versionDirs();
        // 24.11 serves v0.0.40-42, 26.05 v0.0.42-45: seven directories when both were recorded.
        assertThat(dirs).as("recorded/*/v0.0.4x directories").hasSizeGreaterThanOrEqualTo(7);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : dirs) {
            Recording rec = new Recording(dir);
            assertThat(rec.files()).as("recorded files in " + dir).hasSizeGreaterThanOrEqualTo(20)
                    .anyMatch(f -> f.getFileName().toString().equals("accounting-hetjob.json"))
                    .anyMatch(f -> f.getFileName().toString().equals("accounting-failed.json"));
            for (Path file : rec.files()) {
                String call = file.getFileName().toString().replaceFirst("\\.json$", "");
                tests.add(DynamicTest.dynamicTest(dir.getParent().getFileName() + "/" + dir.getFileName() + "/" + call,
                        () -> check(call).accept(rec.withCall(call))));
            }
        }
        return tests.stream();
    }

    private static Consumer<Recorded> check(String call) {
        return switch (call) {
            case "ping" -> V0040RecordedResponsesTest::ping;
            case "diag" -> V0040RecordedResponsesTest::diag;
            case "nodes" -> V0040RecordedResponsesTest::nodes;
            case "partitions" -> V0040RecordedResponsesTest::partitions;
            case "submit-single", "submit-array", "submit-gpu" -> V0040RecordedResponsesTest::submitAccepted;
            case "submit-held" -> V0040RecordedResponsesTest::submitHeld;
            case "jobs" -> V0040RecordedResponsesTest::jobs;
            case "job-single" -> V0040RecordedResponsesTest::jobSingle;
            case "job-array" -> V0040RecordedResponsesTest::jobArray;
            case "job-gpu" -> V0040RecordedResponsesTest::jobGpu;
            case "cancel" -> r -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.errors()).isEmpty();
            };
            case "job-cancelled" -> V0040RecordedResponsesTest::jobCancelled;
            case "error-unknown-job" -> r -> {
                assertThat(r.status()).as("24.11/26.05 answer an unknown job with 404").isEqualTo(404);
                assertThat(r.classified()).isInstanceOf(SlurmException.NotFound.class);
                assertThat(r.classified().errorNumber()).isEqualTo(ErrorClassifier.INVALID_JOB_ID);
            };
            case "error-qos-denied" -> r -> {
                assertThat(r.classified()).isInstanceOf(SlurmException.PermissionDenied.class);
                assertThat(r.classified().errorNumber()).isEqualTo(ErrorClassifier.ACCESS_DENIED);
            };
            case "accounting-jobs" -> V0040RecordedResponsesTest::accountingJobs;
            case "accounting-hetjob" -> r -> RecordedHetJob.check(V0040Reader.accountingJobs(r.body(), r.version()));
            case "accounting-failed" -> r -> {
                List<AccountingJob> jobs = V0040Reader.accountingJobs(r.body(), r.version());
                // a job that exited with 3: sacct shows FAILED 3:0, and v0.0.40+ say so too
                assertThat(jobs).singleElement().satisfies(j -> {
                    assertThat(j.name()).isEqualTo("rec-failed");
                    assertThat(j.state()).isEqualTo("FAILED");
                    assertThat(j.exitCode()).isEqualTo(3);
                    assertThat(j.steps()).anySatisfy(step -> {
                        assertThat(step.id()).isEqualTo("batch");
                        assertThat(step.state()).isEqualTo("FAILED");
                        assertThat(step.exitCode()).isEqualTo(3);
                        assertThat(step.signal()).isNull();
                        assertThat(step.nodes()).isNotBlank();
                    });
                });
            };
            case "qos" -> V0040RecordedResponsesTest::qos;
            case "associations" -> V0040RecordedResponsesTest::associations;
            case "accounts" -> r -> RecordedAccounts.check(r.body());
            case "shares" -> r -> RecordedShares.check(r.body());
            default -> r -> {
                throw new AssertionError("no check for recorded call '" + call + "': add one to "
                        + V0040RecordedResponsesTest.class.getSimpleName());
            };
        };
    }

    private static void ping(Recorded r) {
        List<Ping> pings = V0040Reader.ping(r.body(), r.version());
        assertThat(pings).singleElement().satisfies(p -> {
            assertThat(p.primary()).isTrue();
            assertThat(p.responding()).isTrue();
            assertThat(p.hostname()).isNotBlank();
            assertThat(p.latencyMicros()).isPositive();
        });
        // The shape the version branch exists for.
        assertThat(r.body().path("pings").get(0).has("pinged")).isEqualTo(r.version().compareTo(V0045) < 0);
        assertThat(r.body().path("pings").get(0).has("responding")).isEqualTo(r.version().compareTo(V0042) >= 0);
    }

    private static void diag(Recorded r) {
        Diag d = Statistics.diag(r.body());
        assertThat(d.requestTime()).isNotNull();
        assertThat(d.statisticsSince()).isNotNull().isBeforeOrEqualTo(d.requestTime());
        assertThat(d.serverThreadCount()).isPositive();
        assertThat(d.scheduleCycleCount()).isPositive();
        assertThat(d.scheduleCycleMaxMicros()).isGreaterThanOrEqualTo(d.scheduleCycleLastMicros()).isPositive();
        // What each version offers: bf_cycle_max and schedule_cycle_depth only from v0.0.41, the rest throughout.
        boolean v0041 = r.version().compareTo(ApiVersion.parse("v0.0.41")) >= 0;
        assertThat(d.backfill().cycleMaxMicros() != null).as("bf_cycle_max offered").isEqualTo(v0041);
        assertThat(d.main().depthSum() != null).as("schedule_cycle_depth offered").isEqualTo(v0041);
        if (v0041) {
            assertThat(d.backfill().cycleMaxMicros()).isGreaterThanOrEqualTo(d.backfillCycleLastMicros());
        }
        assertThat(d.backfill().lastDepth()).isNotNull().isGreaterThanOrEqualTo(d.backfill().lastDepthTried());
        assertThat(d.backfill().queueLength()).isNotNull();
        assertThat(d.backfill().lastCycleAt()).isNotNull().isBeforeOrEqualTo(d.requestTime());
        assertThat(d.backfill().active()).isNotNull();
        assertThat(d.main().queueLength()).isNotNull();
        assertThat(d.main().meanDepth()).isNotNull();
        assertThat(d.agents().count()).isNotNull();
        assertThat(d.rpcsByType()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.type()).isNotBlank().isUpperCase();
            assertThat(t.count()).isPositive();
            assertThat(t.totalMicros()).isGreaterThanOrEqualTo(t.averageMicros());
        });
        assertThat(d.rpcsByUser()).isNotEmpty().allSatisfy(u -> assertThat(u.user()).isNotBlank());
        assertThat(d.rpcsByUser().stream().mapToLong(Diag.RpcByUser::count).sum()).isEqualTo(d.rpcCount());
    }

    private static void nodes(Recorded r) {
        List<Node> nodes = V0040Reader.nodes(r.body(), r.version());
        assertThat(nodes).extracting(Node::name).containsExactlyInAnyOrder("c1", "c2", "g1", "g2");
        for (Node n : nodes) {
            assertThat(n.cpus()).as(n.name() + " cpus").isPositive();
            assertThat(n.allocatedCpus()).isBetween(0, n.cpus());
            assertThat(n.realMemoryMb()).isPositive();
            assertThat(n.tres().cpus()).isEqualTo(n.cpus());
            assertThat(n.states()).isNotEmpty().allSatisfy(s -> assertThat(s).isUpperCase());
            assertThat(n.baseState()).isIn("IDLE", "MIXED", "ALLOCATED");
            assertThat(n.allocatedGpus()).isBetween(0, n.gpus());
            assertThat(n.partitions()).contains("cpu");
            assertThat(n.bootTime()).isNotNull();
            assertThat(n.slurmdVersion()).startsWith(r.series());
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
        List<Partition> parts = V0040Reader.partitions(r.body(), r.version());
        assertThat(parts).extracting(Partition::name).containsExactlyInAnyOrder("cpu", "gpu");
        Partition cpu = parts.stream().filter(p -> p.name().equals("cpu")).findFirst().orElseThrow();
        Partition gpu = parts.stream().filter(p -> p.name().equals("gpu")).findFirst().orElseThrow();
        // Only v0.0.45 writes partition flags, so only there is the default partition known.
        assertThat(cpu.isDefault()).isEqualTo(r.version().compareTo(V0045) >= 0 ? Boolean.TRUE : null);
        assertThat(gpu.isDefault()).isNotEqualTo(Boolean.TRUE);
        assertThat(cpu.totalNodes()).isEqualTo(4);
        assertThat(gpu.totalNodes()).isEqualTo(2);
        assertThat(gpu.nodeList()).isEqualTo("g[1-2]");
        assertThat(gpu.tres().gpus()).isEqualTo(8);
        assertThat(cpu.totalCpus()).isEqualTo((int) cpu.tres().cpus()).isPositive();
        assertThat(cpu.state()).isEqualTo("UP");
        assertThat(cpu.maxTimeMinutes()).as("MaxTime=UNLIMITED is infinite").isNull();
    }

    private static void submitAccepted(Recorded r) {
        assertThat(r.status()).isEqualTo(200);
        SubmitResult result = V0040Reader.submitResult(r.body(), r.version());
        assertThat(result).isNotNull();
        assertThat(result.jobId()).isPositive();
        assertThat(result.notices()).isEmpty();
    }

    private static void submitHeld(Recorded r) {
        assertThat(r.status()).isEqualTo(200);
        SubmitResult result = V0040Reader.submitResult(r.body(), r.version());
        assertThat(result.jobId()).isPositive();
        assertThat(result.notices()).isNotEmpty().anySatisfy(n -> assertThat(n.message()).contains("held"));
        // v0.0.40/41 also carry the number in result.error_code; later versions only warn.
        if (r.version().compareTo(V0042) < 0) {
            assertThat(result.notices()).extracting(SlurmError::number).contains(ErrorClassifier.JOB_HELD);
        }
        assertThat(ErrorClassifier.classify(r.status(), r.errors(), "submit")).as("not an error").isNull();
    }

    private static void jobs(Recorded r) {
        List<Job> jobs = V0040Reader.jobs(r.body(), r.version());
        assertThat(V0040Reader.jobsSnapshot(r.body(), r.version(), null).lastUpdate()).isNotNull();
        assertThat(jobs).isNotEmpty().allSatisfy(j -> {
            assertThat(j.jobId()).isPositive();
            assertThat(j.states()).isNotEmpty();
            assertThat(j.user()).isNotBlank();
            assertThat(j.account()).isNotBlank();
            assertThat(j.submitTime()).isNotNull();
            assertThat(j.cluster()).isNotBlank();
            assertThat(j.tresRequested().cpus()).isPositive();
        });
        long arrayId = r.submittedJobId("submit-array");
        assertThat(jobs).filteredOn(j -> j.jobId() == arrayId || Long.valueOf(arrayId).equals(j.arrayJobId()))
                .isNotEmpty().allSatisfy(j -> {
                    assertThat(j.isArray()).isTrue();
                    assertThat(j.arrayJobId()).isEqualTo(arrayId);
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
        assertThat(job.arrayTaskId()).isNull();
        assertThat(job.tresRequested().cpus()).isPositive();
        assertThat(job.tresRequested().memoryMb()).isPositive();
        // Expanded on every version: v0.0.43+ read stdout_expanded, not the raw "slurm-%j.out".
        assertThat(job.standardOutput()).isEqualTo("/tmp/slurm-" + job.jobId() + ".out");
        if (r.version().compareTo(V0043) >= 0) {
            assertThat(single(r, "standard_output")).contains("%j");
        }
        // submitted without --mem: the lab's DefMemPerCPU=1000 applies, per CPU
        assertThat(job.memoryPerCpuMb()).isEqualTo(1000L);
        assertThat(job.memoryPerNodeMb()).isNull();
        assertThat(job.exitSignal()).isNull();
    }

    private static void jobArray(Recorded r) {
        long arrayId = r.submittedJobId("submit-array");
        List<Job> records = V0040Reader.jobs(r.body(), r.version());
        assertThat(records).isNotEmpty().allSatisfy(j -> {
            assertThat(j.arrayJobId()).isEqualTo(arrayId);
            assertThat(j.isArray()).isTrue();
            assertThat(j.name()).isEqualTo("rec-array");
        });
        // Submitted as 0-3%2: a task is either its own record or in the pending record's range.
        for (Job j : records) {
            if (j.arrayTaskId() == null) {
                assertThat(j.state()).isEqualTo("PENDING");
                assertThat(j.jobId()).isEqualTo(arrayId);
                assertThat(j.arrayTaskString()).matches("[0-9,\\-]+%2");
            } else {
                assertThat(j.arrayTaskId()).isBetween(0, 3);
                assertThat(j.arrayTaskString()).isNull();
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
        if (job.state().equals("RUNNING")) {
            assertThat(job.nodes()).isIn("g1", "g2");
            assertThat(job.tresAllocated().gpus()).isEqualTo(1);
        }
    }

    private static void jobCancelled(Recorded r) {
        Job job = single(r);
        assertThat(job.jobId()).isEqualTo(r.submittedJobId("submit-single"));
        // Read right after DELETE: the kill may still be in progress.
        assertThat(job.state()).isIn("CANCELLED", "COMPLETING");
        if (job.state().equals("CANCELLED")) {
            assertThat(job.isFinished()).isTrue();
            assertThat(job.endTime()).isNotNull();
            if (job.startTime() != null && r.body().path("jobs").get(0).path("exit_code").path("status").toString().contains("SIGNALED")) {
                assertThat(job.exitCode()).as("killed by a signal: no return code").isNull();
            }
        }
    }

    private static void accountingJobs(Recorded r) {
        List<AccountingJob> jobs = V0040Reader.accountingJobs(r.body(), r.version());
        org.slurmworkbench.slurm.rest.RecordedStepUsage.check(jobs, r.body());
        assertThat(jobs).isNotEmpty().allSatisfy(j -> {
            assertThat(j.jobId()).isPositive();
            assertThat(j.user()).isIn("alice", "bob", "carol", "wbadmin", "root");
            assertThat(j.account()).isNotBlank();
            assertThat(j.cluster()).isNotBlank();
            assertThat(j.states()).isNotEmpty();
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
        // A job cancelled before it started: slurmdbd writes start 4294967294 (NO_VAL), read as "not set".
        assertThat(jobs).allSatisfy(j -> {
            if (j.startTime() != null) {
                assertThat(j.startTime()).isBefore(java.time.Instant.parse("2100-01-01T00:00:00Z"));
            }
        });
    }

    private static void qos(Recorded r) {
        List<Qos> qos = V0040Reader.qos(r.body(), r.version());
        assertThat(qos).extracting(Qos::name).contains("normal", "gpu");
        Qos gpu = qos.stream().filter(q -> q.name().equals("gpu")).findFirst().orElseThrow();
        assertThat(gpu.maxTresPerUser().values()).containsKey("gres/gpu");
        assertThat(gpu.maxTresPerUser().gpus()).isPositive();
        assertThat(gpu.grpTres().gpus()).isGreaterThanOrEqualTo(gpu.maxTresPerUser().gpus());
        assertThat(gpu.usageFactor()).isEqualTo(1.0);
        Qos normal = qos.stream().filter(q -> q.name().equals("normal")).findFirst().orElseThrow();
        assertThat(normal.maxTresPerUser().values()).isEmpty();
        assertThat(normal.grpTres().values()).isEmpty();
        assertThat(normal.maxJobsPerUser()).isNull();
        assertThat(normal.maxWallMinutesPerJob()).isNull();
    }

    private static void associations(Recorded r) {
        List<Association> assocs = V0040Reader.associations(r.body(), r.version());
        assertThat(assocs).isNotEmpty().allSatisfy(a -> {
            assertThat(a.cluster()).isNotBlank();
            assertThat(a.account()).isNotBlank();
            assertThat(a.qos()).contains("normal");
        });
        assertThat(assocs).filteredOn(a -> "alice".equals(a.user())).singleElement().satisfies(a -> {
            assertThat(a.account()).isEqualTo("physics");
            assertThat(a.qos()).contains("gpu");
            assertThat(a.defaultQos()).isEqualTo("normal");
        });
        assertThat(assocs).filteredOn(a -> "carol".equals(a.user())).singleElement()
                .satisfies(a -> assertThat(a.account()).isEqualTo("chemistry"));
        // An account's own association has no user and names its parent.
        assertThat(assocs).anySatisfy(a -> {
            assertThat(a.account()).isEqualTo("physics");
            assertThat(a.user()).isNull();
            assertThat(a.parentAccount()).isEqualTo("root");
        });
    }

    private static Job single(Recorded r) {
        List<Job> jobs = V0040Reader.jobs(r.body(), r.version());
        assertThat(jobs).hasSize(1);
        return jobs.getFirst();
    }

    private static String single(Recorded r, String field) {
        return r.body().path("jobs").get(0).path(field).asString();
    }

    private static List<Path> versionDirs() throws IOException, URISyntaxException {
        URL root = V0040RecordedResponsesTest.class.getResource("/recorded");
        assertThat(root).as("recorded/ on the test classpath").isNotNull();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> series = Files.list(Path.of(root.toURI()))) {
            for (Path s : series.sorted().toList()) {
                try (Stream<Path> versions = Files.list(s)) {
                    versions.filter(Files::isDirectory).filter(v -> v.getFileName().toString().startsWith("v0.0.4"))
                            .sorted().forEach(out::add);
                }
            }
        }
        return out;
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
        ApiVersion version() {
            return ApiVersion.parse(recording.dir().getFileName().toString());
        }

        String series() {
            return recording.dir().getParent().getFileName().toString();
        }

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
}
