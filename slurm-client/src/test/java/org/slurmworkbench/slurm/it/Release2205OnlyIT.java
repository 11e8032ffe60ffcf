package org.slurmworkbench.slurm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.AccountingQuery;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.JobUpdate;
import org.slurmworkbench.slurm.JobsSnapshot;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.slurm.QosChange;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.SlurmClientConfig;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.slurm.TokenProvider;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.slurm.rest.ErrorClassifier;
import org.slurmworkbench.slurm.token.MintedTokens;

/**
 * Behaviour only Slurm 22.05 (API v0.0.38) has, against the lab's real 22.05 cluster: 304 on
 * {@code update_time}, HTTP 500 for a bad token and for an unknown job, a held submit that comes back as an
 * "error", releasing with {@code hold: false}, the {@code users} filter it does not know, and QOS updates
 * that change only what they name. Skipped when no 22.05 lab runs, unless {@code wb.lab.require} names it.
 */
class Release2205OnlyIT {

    private static final ApiVersion V0038 = ApiVersion.parse("v0.0.38");
    private static final String SCRIPT = "#!/bin/bash\nsleep 120\n";

    private static LabCluster lab;
    private static SlurmClient client;
    private static SlurmApi admin;
    private static SlurmApi user;
    private static final List<Long> submitted = new ArrayList<>();

    @BeforeAll
    static void findLab() {
        boolean required = System.getProperty("wb.lab.require", "").contains("22.05");
        boolean present = Files.isRegularFile(Path.of(LabCluster.ROOT, "22.05", "cluster.env"));
        Assumptions.assumeTrue(required || present, "no 22.05 lab under " + LabCluster.ROOT);
        lab = LabCluster.all().stream().filter(c -> c.series().equals("22.05")).findFirst()
                .orElseThrow(() -> new IllegalStateException("22.05 lab not found under " + LabCluster.ROOT));
        client = lab.client();
        if (!required) {
            // A cluster.env left by a lab that is down (or restarting) skips the class instead of failing it.
            try {
                client.info();
            } catch (SlurmException.Unavailable e) {
                Assumptions.abort("22.05 lab not reachable: " + e.getMessage());
            }
        }
        admin = client.as(lab.adminUser(), V0038);
        user = client.as(lab.users().getFirst(), V0038);
    }

    @AfterAll
    static void cleanUp() {
        if (admin == null) {
            return;
        }
        for (long id : submitted) {
            try {
                admin.cancel(id);
            } catch (SlurmException ignored) {
                // Already gone.
            }
        }
    }

    private static SubmitResult submit(JobSubmission s) {
        SubmitResult r = user.submit(s);
        submitted.add(r.jobId());
        return r;
    }

    @Test
    void jobsSinceTheLastSnapshotAnswerNotModified() {
        // Running jobs of other tests may change between reads; a quiet second comes soon enough.
        AtomicReference<Instant> last = new AtomicReference<>(admin.jobs(null).lastUpdate());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1500)).until(() -> {
            JobsSnapshot s = admin.jobs(last.get());
            if (!s.notModified()) {
                last.set(s.lastUpdate());
                assertThat(s.jobs()).isNotNull();
            }
            return s.notModified();
        });
        // And a change shows up: a new job makes the same question answer with the full list.
        Instant before = last.get();
        long id = submit(JobSubmission.builder(SCRIPT).name("it2205-changed").build()).jobId();
        JobsSnapshot changed = admin.jobs(before);
        assertThat(changed.notModified()).isFalse();
        assertThat(changed.jobs()).extracting(Job::jobId).contains(id);
    }

    @Test
    void badTokenIsAnAuthenticationFailureOnEveryKindOfCall() throws IOException {
        Path wrongKey = Files.createTempFile("wrong-jwt", ".key");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.write(wrongKey, key);
        TokenProvider good = new MintedTokens(lab.jwtKey(), Duration.ofMinutes(5));
        TokenProvider bad = new MintedTokens(wrongKey, Duration.ofMinutes(5));
        String victim = lab.users().getFirst();
        // Discovery reads with the admin's valid token; the victim's calls carry a token of the wrong key.
        TokenProvider mixed = u -> (u.equals(victim) ? bad : good).tokenFor(u);
        SlurmClient badClient = new SlurmClient(SlurmClientConfig.of(lab.restUrl(), mixed, lab.adminUser()));
        SlurmApi api = badClient.as(victim, V0038);
        Map<String, Executable> calls = Map.of(
                "nodes", api::nodes,
                "jobs", api::jobs,
                "job", () -> api.job(1),
                "submit", () -> api.submit(JobSubmission.builder(SCRIPT).build()),
                "cancel", () -> api.cancel(1),
                "qos", api::qos,
                "accounting", () -> api.accountingJobs(AccountingQuery.between(Instant.now().minusSeconds(3600), null)));
        calls.forEach((name, call) -> assertThatThrownBy(call::execute).as(name)
                .isInstanceOf(SlurmException.Authentication.class));
    }

    @Test
    void unknownJobIsNotFoundThoughTheDaemonSays500() {
        assertThatThrownBy(() -> admin.job(999_999_999L)).isInstanceOfSatisfying(SlurmException.NotFound.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(500);
            assertThat(e.errorNumber()).isEqualTo(ErrorClassifier.INVALID_JOB_ID);
        });
    }

    @Test
    void heldSubmitIsAcceptedAndHoldFalseReleasesIt() {
        SubmitResult held = submit(JobSubmission.builder(SCRIPT).name("it2205-held").hold(true).build());
        assertThat(held.jobId()).isPositive();
        assertThat(held.notices()).extracting(SlurmError::number).contains(ErrorClassifier.JOB_HELD);
        Job pending = admin.job(held.jobId()).getFirst();
        assertThat(pending.state()).isEqualTo("PENDING");
        assertThat(pending.stateReason()).isEqualTo("JobHeldUser");

        user.update(held.jobId(), JobUpdate.hold(false));
        Job released = admin.job(held.jobId()).getFirst();
        assertThat(released.stateReason()).isNotEqualTo("JobHeldUser");
        assertThat(released.priority()).isPositive();
    }

    @Test
    void usersFilterIsUnknownTo2205SoTheClientFilters() {
        String alice = lab.users().getFirst();
        long id = submit(JobSubmission.builder(SCRIPT).name("it2205-acct").build()).jobId();
        // The daemon itself refuses the field the newer APIs take.
        assertThatThrownBy(() -> client.transport().get(lab.adminUser(), "/slurmdb/v0.0.38/jobs",
                Map.of("users", alice)).requireNoErrors())
                .isInstanceOfSatisfying(SlurmException.class, e -> assertThat(e.errorNumber()).isEqualTo(9000));
        AccountingQuery lastHour = AccountingQuery.between(Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<AccountingJob> mine = admin.accountingJobs(lastHour.withUsers(alice));
            assertThat(mine).isNotEmpty().allSatisfy(j -> assertThat(j.user()).isEqualTo(alice));
            assertThat(mine).extracting(AccountingJob::jobId).contains(id);
        });
        assertThat(admin.accountingJobs(lastHour.withJobIds(id))).extracting(AccountingJob::jobId).containsExactly(id);
    }

    @Test
    void qosUpdateChangesOnlyWhatItNamesAndMinusOneClears() {
        String name = lab.gpuQos();
        Qos before = qos(name);
        try {
            admin.saveQos(QosChange.named(name).withMaxJobsPerUser(7));
            Qos changed = qos(name);
            assertThat(changed.maxJobsPerUser()).isEqualTo(7);
            assertThat(changed.maxTresPerUser()).isEqualTo(before.maxTresPerUser());
            assertThat(changed.grpTres()).isEqualTo(before.grpTres());
            assertThat(changed.priority()).isEqualTo(before.priority());

            admin.saveQos(QosChange.named(name).withMaxJobsPerUser(-1));
            assertThat(qos(name).maxJobsPerUser()).isNull();
        } finally {
            admin.saveQos(QosChange.named(name).withMaxJobsPerUser(before.maxJobsPerUser() == null ? -1 : before.maxJobsPerUser()));
        }
        assertThat(qos(name)).isEqualTo(before);
    }

    private static Qos qos(String name) {
        return admin.qos().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
    }
}
