package org.slurmworkbench.workbench.accounting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sync sizes its slurmdbd requests by the jobs they hold: with {@code window-jobs=2}, a backfill over a burst of
 * eight real jobs (on the first lab release) shrinks its windows below the starting 15 minutes and still stores every job
 * sacct reports for the burst, each once.
 */
// The same context as SyncNowIT's, so that one is started for both.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "workbench.accounting.sync.window-jobs=2", "workbench.accounting.sync.enabled=false",
        "workbench.accounting.sync.now-wait=0s"})
class SyncWindowsIT {

    @Autowired
    AccountingSync sync;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aBurstOfJobsIsReadInSmallerWindowsAndNoneIsLost() throws InterruptedException {
        LabCluster lab = TestLab.present().getFirst();
        String tag = "wbwin" + Long.toString(System.nanoTime() % 1_679_616L, 36);
        Instant from = Instant.now().minusSeconds(120);
        LabShell.run(lab, "--user", "alice", "bash", "-c",
                "for i in 1 2 3 4 5 6 7 8; do sbatch -Q -J " + tag + " -n 1 -t 1 -o /dev/null --wrap true; done");
        List<String> ended = List.of();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            ended = LabShell.lines(lab, "sacct", "-X", "-n", "-P", "-a", "--name=" + tag, "-S", "now-1hour", "-E", "now",
                    "-s", "CD,F,CA,TO", "-o", "JobIDRaw");
            if (ended.size() == 8) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(ended).as("sacct: the burst ended").hasSize(8);
        Instant to = Instant.now().plusSeconds(60);

        sync.backfill(lab.name(), from, to);

        List<String> stored = jdbc.sql("SELECT CAST(job_id AS CHAR) FROM acct_job WHERE cluster = ? AND job_name = ? "
                + "ORDER BY job_id").params(lab.name(), tag).query(String.class).list();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(ended);
        assertThat(sync.nextWindow(lab.name())).as("windows shrank from the start")
                .isLessThan(SyncWindows.START);
    }
}
