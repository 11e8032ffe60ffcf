package org.slurmworkbench.workbench.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;

/**
 * The scheduler module with the modules it uses directly (cluster, security, web): a lab cluster's sdiag reading
 * comes back with data, the release and the API version the workbench must use.
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
class SchedulerModuleIT {

    @Autowired
    SchedulerReadings readings;

    @Test
    void aLabClustersSchedulerIsRead() {
        LabCluster lab = TestLab.present().getFirst();
        // the first ask starts the read in the background and answers what it has within 3 s
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            SchedulerReading reading = readings.reading(lab.name());
            assertThat(reading.error()).isNull();
            assertThat(reading.hasData()).isTrue();
            assertThat(reading.release()).startsWith(lab.series());
            assertThat(reading.apiVersion()).isEqualTo(TestLab.API_VERSION.get(lab.series()));
        });
    }
}
