package org.slurmworkbench.workbench.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * The dashboard module with the modules it uses directly (cluster): the overview of a lab cluster is built from
 * Slurm's answers, with the lab's four nodes and their CPUs.
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
class DashboardModuleIT {

    @Autowired
    Overviews overviews;

    @Test
    void anOverviewOfALabClusterIsBuilt() {
        LabCluster lab = TestLab.present().getFirst();
        // the shared overview is fetched in the background: the first ask may answer before the first fetch is in
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Overview overview = overviews.overview(lab.name());
            assertThat(overview.error()).isNull();
            assertThat(overview.cluster()).isEqualTo(lab.name());
            assertThat(overview.nodeStates().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
            assertThat(overview.cpus().total()).isPositive();
        });
    }
}
