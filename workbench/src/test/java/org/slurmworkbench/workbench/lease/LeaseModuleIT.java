package org.slurmworkbench.workbench.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;

/** The lease module started alone: a lease is held in the database by this instance, listed, and released. */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.STANDALONE)
class LeaseModuleIT {

    @Autowired
    Leases leases;

    @Test
    void aLeaseIsHeldListedAndReleased() {
        String name = "wb12-module-" + Long.toString(System.nanoTime(), 36);
        assertThat(leases.hold(name, Duration.ofSeconds(30))).isTrue();
        try {
            assertThat(leases.all()).anySatisfy(l -> {
                assertThat(l.name()).isEqualTo(name);
                assertThat(l.holder()).isEqualTo(leases.instanceId());
            });
        } finally {
            leases.release(name);
        }
        assertThat(leases.all()).noneMatch(l -> l.name().equals(name));
    }
}
