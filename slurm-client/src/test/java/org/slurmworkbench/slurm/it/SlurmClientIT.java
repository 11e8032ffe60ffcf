package org.slurmworkbench.slurm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.AccountingQuery;
import org.slurmworkbench.slurm.ClusterInfo;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.slurm.QosChange;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.SlurmClientConfig;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.slurm.lab.LabCluster;

/**
 * The client against every running lab release, through the API version discovery picks. Test names carry
 * the release and API version, so the report says what each test ran against.
 */
class SlurmClientIT {

    record Target(LabCluster lab, SlurmClient client, ClusterInfo info) {
        @Override
        public String toString() {
            return "Slurm " + info.release() + " via " + info.apiVersion();
        }
    }

    static Stream<Named<Target>> clusters() {
        return LabCluster.all().stream().map(lab -> {
            SlurmClient client = lab.client();
            Target t = new Target(lab, client, client.info());
            return Named.of(t.toString(), t);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void discoversTheNewestVersionTheReleaseServes(Target t) {
        String expected = switch (t.lab().series()) {
            case "22.05" -> "v0.0.38";
            case "24.11" -> "v0.0.42";
            case "26.05" -> "v0.0.45";
            default -> throw new AssertionError("unexpected lab release " + t.lab().release());
        };
        assertThat(t.info().apiVersion()).hasToString(expected);
        assertThat(t.info().release()).isEqualTo(t.lab().release());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void readsClusterState(Target t) {
        SlurmApi admin = t.client().as(t.lab().adminUser());
        assertThat(admin.ping()).isNotEmpty().allSatisfy(p -> assertThat(p.responding()).isTrue());

        List<Node> nodes = admin.nodes();
        assertThat(nodes).extracting(Node::name).containsExactlyInAnyOrder("c1", "c2", "g1", "g2");
        assertThat(nodes).allSatisfy(n -> {
            assertThat(n.cpus()).isEqualTo(32);
            assertThat(n.realMemoryMb()).isPositive();
            assertThat(n.states()).isNotEmpty();
        });
        assertThat(nodes).filteredOn(n -> n.name().startsWith("g")).allSatisfy(n -> assertThat(n.gpus()).isEqualTo(4));
        assertThat(nodes).filteredOn(n -> n.name().startsWith("c")).allSatisfy(n -> assertThat(n.gpus()).isZero());

        List<Partition> partitions = admin.partitions();
        assertThat(partitions).extracting(Partition::name).contains("cpu", "gpu");
        Partition cpu = partitions.stream().filter(p -> p.name().equals("cpu")).findFirst().orElseThrow();
        // v0.0.40 to v0.0.44 carry no partition flags: there the default is unknown, elsewhere it is cpu.
        boolean flagsKnown = !t.info().apiVersion().atLeast("v0.0.40") || t.info().apiVersion().atLeast("v0.0.45");
        assertThat(cpu.isDefault()).isEqualTo(flagsKnown ? Boolean.TRUE : null);
        assertThat(cpu.totalNodes()).isEqualTo(4);
        assertThat(cpu.totalCpus()).isEqualTo(128);

        Diag diag = admin.diag();
        assertThat(diag.serverThreadCount()).isPositive();
        assertThat(diag.requestTime()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));

        List<Qos> qos = admin.qos();
        assertThat(qos).extracting(Qos::name).contains("normal", t.lab().gpuQos());
        Qos gpu = qos.stream().filter(q -> q.name().equals(t.lab().gpuQos())).findFirst().orElseThrow();
        assertThat(gpu.maxTresPerUser().gpus() + gpu.grpTres().gpus()).isPositive();
        assertThat(admin.associations()).anySatisfy(a -> assertThat(a.user()).isEqualTo("alice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void submitsReadsAndCancelsAsANormalUser(Target t) {
        SlurmApi alice = t.client().as("alice");
        String tag = "it-" + t.lab().series() + "-" + System.currentTimeMillis();

        SubmitResult single = alice.submit(JobSubmission.builder("#!/bin/bash\nsleep 300\n").name(tag + "-single")
                .timeLimitMinutes(10).workDir("/tmp").comment(tag).build());
        SubmitResult array = alice.submit(JobSubmission.builder("#!/bin/bash\nsleep 1\n").name(tag + "-array")
                .array("0-5%2").timeLimitMinutes(5).workDir("/tmp").build());
        SubmitResult gpu = alice.submit(JobSubmission.builder("#!/bin/bash\necho $CUDA_VISIBLE_DEVICES\nsleep 2\n")
                .name(tag + "-gpu").partition("gpu").qos(t.lab().gpuQos()).gpusPerNode(1).timeLimitMinutes(5)
                .workDir("/tmp").build());
        assertThat(List.of(single.jobId(), array.jobId(), gpu.jobId())).allSatisfy(id -> assertThat(id).isPositive()).doesNotHaveDuplicates();

        Job readBack = alice.job(single.jobId()).getFirst();
        assertThat(readBack.name()).isEqualTo(tag + "-single");
        assertThat(readBack.user()).isEqualTo("alice");
        assertThat(readBack.account()).isEqualTo("physics");
        assertThat(readBack.partition()).isEqualTo("cpu");
        assertThat(readBack.timeLimitMinutes()).isEqualTo(10);
        assertThat(readBack.comment()).isEqualTo(tag);

        List<Job> tasks = alice.job(array.jobId());
        assertThat(tasks).isNotEmpty().allSatisfy(j -> assertThat(j.arrayJobId()).isEqualTo(array.jobId()));

        Job gpuJob = alice.job(gpu.jobId()).getFirst();
        assertThat(gpuJob.partition()).isEqualTo("gpu");
        assertThat(gpuJob.gpus()).isEqualTo(1);

        assertThat(alice.jobs()).extracting(Job::jobId).contains(single.jobId(), gpu.jobId());

        alice.cancel(single.jobId());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(alice.job(single.jobId()).getFirst().state()).isEqualTo("CANCELLED"));

        // The GPU job really ran with a GPU and the whole array finished.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(alice.job(gpu.jobId()).getFirst().state()).isEqualTo("COMPLETED");
            assertThat(alice.job(array.jobId())).allSatisfy(j -> assertThat(j.state()).isEqualTo("COMPLETED"));
        });

        // Accounting (slurmdbd) sees them too.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<AccountingJob> history = alice.accountingJobs(AccountingQuery
                    .between(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofMinutes(1)))
                    .withUsers("alice"));
            assertThat(history).allSatisfy(j -> assertThat(j.user()).isEqualTo("alice"));
            assertThat(history).filteredOn(j -> j.jobId() == gpu.jobId()).singleElement().satisfies(j -> {
                assertThat(j.state()).isEqualTo("COMPLETED");
                assertThat(j.tresAllocated().gpus()).isEqualTo(1);
                assertThat(j.account()).isEqualTo("physics");
            });
            assertThat(history).filteredOn(j -> j.jobId() == single.jobId()).singleElement()
                    .satisfies(j -> assertThat(j.state()).isEqualTo("CANCELLED"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void badTokenIsAnAuthenticationError(Target t) throws Exception {
        Path wrongKey = Files.createTempFile("wrong-jwt", ".key");
        Files.write(wrongKey, new byte[32]);
        SlurmClient stranger = new SlurmClient(SlurmClientConfig.of(t.lab().restUrl(),
                new org.slurmworkbench.slurm.token.MintedTokens(wrongKey, Duration.ofMinutes(5)), "alice"));
        // 22.05 already refuses discovery; 24.11 and 26.05 serve their OpenAPI description to anyone and
        // refuse the first real call.
        assertThatThrownBy(() -> stranger.as("alice").nodes()).isInstanceOf(SlurmException.Authentication.class);
        // A token that is not a JWT at all is refused the same way, on writes too.
        SlurmClient forged = new SlurmClient(SlurmClientConfig.of(t.lab().restUrl(), user -> "not-a-jwt", "alice"));
        assertThatThrownBy(() -> forged.as("alice").jobs()).isInstanceOf(SlurmException.Authentication.class);
        Files.delete(wrongKey);
    }

    /** 22.05 answers a window without jobs with error 9003 "Nothing found"; every release must give an empty list. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void anAccountingWindowWithoutJobsIsEmpty(Target t) {
        Instant start = Instant.parse("2001-01-01T00:00:00Z");
        assertThat(t.client().as(t.lab().adminUser()).accountingJobs(AccountingQuery.between(start, start.plusSeconds(3600))))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void unknownJobIsNotFound(Target t) {
        assertThatThrownBy(() -> t.client().as("alice").job(987_654_321L))
                .isInstanceOf(SlurmException.NotFound.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void qosUpdateNeedsAnAdmin(Target t) {
        String qosName = t.lab().gpuQos();
        assertThatThrownBy(() -> t.client().as("alice").saveQos(QosChange.named(qosName).withMaxJobsPerUser(77)))
                .isInstanceOf(SlurmException.PermissionDenied.class);

        SlurmApi admin = t.client().as(t.lab().adminUser());
        Integer before = admin.qos().stream().filter(q -> q.name().equals(qosName)).findFirst().orElseThrow().maxJobsPerUser();
        try {
            admin.saveQos(QosChange.named(qosName).withMaxJobsPerUser(77));
            assertThat(admin.qos()).filteredOn(q -> q.name().equals(qosName)).singleElement()
                    .satisfies(q -> assertThat(q.maxJobsPerUser()).isEqualTo(77));
        } finally {
            admin.saveQos(QosChange.named(qosName).withMaxJobsPerUser(before == null ? -1 : before));
        }
        assertThat(admin.qos()).filteredOn(q -> q.name().equals(qosName)).singleElement()
                .satisfies(q -> assertThat(q.maxJobsPerUser()).isEqualTo(before));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void createsAQosAndChangesItsGpuLimit(Target t) {
        SlurmApi admin = t.client().as(t.lab().adminUser());
        String name = "itq" + t.lab().series().replace(".", "");
        admin.saveQos(QosChange.named(name).withDescription("integration test").withMaxTresPerUser("gres/gpu", 3));
        assertThat(admin.qos()).filteredOn(q -> q.name().equals(name)).singleElement()
                .satisfies(q -> assertThat(q.maxTresPerUser().gpus()).isEqualTo(3));
        admin.saveQos(QosChange.named(name).withMaxTresPerUser("gres/gpu", QosChange.REMOVE));
        assertThat(admin.qos()).filteredOn(q -> q.name().equals(name)).singleElement()
                .satisfies(q -> assertThat(q.maxTresPerUser().values()).doesNotContainKey("gres/gpu"));
    }
}
