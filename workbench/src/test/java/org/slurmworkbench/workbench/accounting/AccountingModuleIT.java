package org.slurmworkbench.workbench.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * The accounting module with the modules it uses directly (cluster, lease, security, web): the accounting copy
 * answers from its own tables and, for a job it lacks, from slurmdbd (empty for an id neither knows, and for a user
 * with no jobs).
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
class AccountingModuleIT {

    @Autowired
    FinishedJobs finishedJobs;

    @Test
    void theCopyAnswersFromItsTables() {
        LabCluster lab = TestLab.present().getFirst();
        // slurmdbd is asked through the shared lab, whose slurmctld other tests may be reconfiguring for a moment
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .untilAsserted(() -> assertThat(finishedJobs.records(lab.name(), 999_999_999L)).isEmpty());
        assertThat(finishedJobs.endedSince(lab.name(), "wb12-nobody", Instant.EPOCH, 10)).isEmpty();
    }
}
