package org.slurmworkbench.workbench.accounting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.SyncNow;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Sync now" never holds a request for the length of a sync: with {@code now-wait=0s} it answers 202 with the time it
 * took the request, the sync goes on in the background and stores a job that ended before it; requests made while a
 * sync runs share one run after it, on the first lab release.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "workbench.accounting.sync.window-jobs=2", "workbench.accounting.sync.enabled=false",
        "workbench.accounting.sync.now-wait=0s"})
class SyncNowIT {

    @LocalServerPort
    int port;
    @Autowired
    AccountingSync sync;
    @Autowired
    SyncCursorStore cursors;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSyncLongerThanTheWaitIsAcceptedAndEndsInTheBackground() throws InterruptedException {
        LabCluster lab = TestLab.present().getFirst();
        // Only the last minutes are read (the overlap), whatever earlier tests left in slurmdbd.
        cursors.syncedUntil(lab.name(), Instant.now().minusSeconds(60), 0);
        String tag = "wbnow" + Long.toString(System.nanoTime() % 1_679_616L, 36);
        LabShell.run(lab, "--user", "alice", "sbatch", "-Q", "-J", tag, "-n", "1", "-t", "1", "-o", "/dev/null", "--wrap", "true");
        List<String> ended = List.of();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (ended.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            ended = LabShell.lines(lab, "sacct", "-X", "-n", "-P", "-a", "--name=" + tag, "-S", "now-1hour", "-E", "now",
                    "-s", "CD,F,CA,TO", "-o", "JobIDRaw");
        }
        assertThat(ended).as("sacct: the job ended").hasSize(1);

        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        TestHttp.Response accepted = admin.post("/api/v1/accounting/sync/now?cluster=" + lab.name(), "text/plain", "");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.header("Location")).endsWith("/api/v1/accounting/sync");
        assertThat(accepted.json().path("syncing").asBoolean()).isTrue();
        SyncNow.awaitCovered(admin, lab.name(), accepted.json());

        assertThat(jdbc.sql("SELECT CAST(job_id AS CHAR) FROM acct_job WHERE cluster = ? AND job_name = ?")
                .params(lab.name(), tag).query(String.class).list()).isEqualTo(ended);
        assertThat(SyncNow.status(admin, lab.name()).path("lastError").isNull()).isTrue();
    }

    @Test
    void requestsDuringARunShareTheRunAfterIt() throws Exception {
        LabCluster lab = TestLab.present().getFirst();
        cursors.syncedUntil(lab.name(), Instant.now().minusSeconds(60), 0);
        ReentrantLock window = sync.windowLock(lab.name());
        CompletableFuture<Integer> first;
        CompletableFuture<Integer> second;
        CompletableFuture<Integer> third;
        window.lock();
        try {
            first = sync.requestSync(lab.name());
            Instant deadline = Instant.now().plusSeconds(30);
            while (!window.hasQueuedThreads() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(window.hasQueuedThreads()).as("the first run waits for its first window").isTrue();
            second = sync.requestSync(lab.name());
            third = sync.requestSync(lab.name());
            assertThat(second).as("a request during a run waits for the next").isNotSameAs(first).isSameAs(third);
            assertThat(first).isNotDone();
            assertThat(sync.statuses()).filteredOn(s -> s.cluster().equals(lab.name()))
                    .singleElement().extracting(SyncStatus::syncing).isEqualTo(true);
        } finally {
            window.unlock();
        }
        assertThat(second.get(2, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(0);
        assertThat(first).as("the first run ended before the second").isCompleted();
        assertThat(sync.statuses()).filteredOn(s -> s.cluster().equals(lab.name()))
                .singleElement().extracting(SyncStatus::syncing).isEqualTo(false);
    }
}
