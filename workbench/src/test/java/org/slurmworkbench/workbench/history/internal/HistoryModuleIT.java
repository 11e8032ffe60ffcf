package org.slurmworkbench.workbench.history.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.history.Utilization;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * The history module with the modules it uses directly (cluster, dashboard, lease, scheduler), and web, whose table
 * of Slurm's words the dashboard's charts use: its collector records the overview of a lab cluster (every 2 s in
 * tests) and the store reads it back as a sample of the lab's CPUs.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "web")
class HistoryModuleIT {

    @Autowired
    HistoryStore store;

    @Test
    void theCollectorsSamplesAreReadBack() {
        LabCluster lab = TestLab.present().getFirst();
        Instant since = Instant.now().minusSeconds(60);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Utilization u = store.read(lab.name(), since, Instant.now().plusSeconds(60), Duration.ofMinutes(1));
            assertThat(u.cluster()).isEqualTo(lab.name());
            assertThat(u.total()).anySatisfy(p -> {
                assertThat(p.samples()).isPositive();
                assertThat(p.cpusTotal()).isPositive();
            });
        });
    }
}
