package org.slurmworkbench.workbench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * The cluster module started alone (no other module's beans): it lists the configured dead cluster and the lab's,
 * finds the dead one unreachable and the first lab release reachable with the API version the workbench must use
 * (ClustersIT checks every release).
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.STANDALONE)
class ClusterModuleIT {

    @Autowired
    Clusters clusters;

    @Test
    void theClustersAnswerAloneWithTheirStatus() {
        assertThat(clusters.names()).contains("dead");
        assertThat(clusters.status("dead").reachable()).isFalse();
        LabCluster lab = TestLab.present().getFirst();
        assertThat(clusters.names()).contains(lab.name());
        // the first ask starts the check in the background and answers what it has after a short wait
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            ClusterStatus status = clusters.status(lab.name());
            assertThat(status.reachable()).as("%s: %s", lab, status.error()).isTrue();
            assertThat(status.apiVersion()).isEqualTo(TestLab.API_VERSION.get(lab.series()));
        });
    }
}
