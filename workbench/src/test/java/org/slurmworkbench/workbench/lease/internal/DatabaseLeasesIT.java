package org.slurmworkbench.workbench.lease.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two lease holders on the real MariaDB, as two instances would be: one holds, the other is refused; the holder
 * renews; a holder that stops renewing (a killed instance) loses the lease to the other once it expires; a release
 * hands it over at once.
 */
@SpringBootTest
class DatabaseLeasesIT {

    @Autowired
    JdbcClient jdbc;

    @Test
    void oneHolderAtATimeAndTakeoverAfterExpiryOrRelease() {
        String name = "test-" + UUID.randomUUID();
        LeaseStore a = new LeaseStore(jdbc);
        LeaseStore b = new LeaseStore(jdbc);
        assertThat(a.instanceId()).isNotEqualTo(b.instanceId());

        assertThat(a.hold(name, Duration.ofSeconds(30))).isTrue();
        assertThat(b.hold(name, Duration.ofSeconds(30))).isFalse();
        assertThat(a.hold(name, Duration.ofSeconds(30))).as("the holder renews").isTrue();
        assertThat(a.all()).anySatisfy(l -> {
            assertThat(l.name()).isEqualTo(name);
            assertThat(l.holder()).isEqualTo(a.instanceId());
        });

        // a renews for 1 s and then "dies": b gets nothing until the lease has expired, then takes it.
        assertThat(a.hold(name, Duration.ofSeconds(1))).isTrue();
        assertThat(b.hold(name, Duration.ofSeconds(30))).isFalse();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> b.hold(name, Duration.ofSeconds(30)));
        assertThat(a.hold(name, Duration.ofSeconds(30))).as("the old holder is refused once taken over").isFalse();

        b.release(name);
        assertThat(a.hold(name, Duration.ofSeconds(30))).as("a release hands over at once").isTrue();
        a.release(name);
        assertThat(a.all()).noneSatisfy(l -> assertThat(l.name()).isEqualTo(name));
    }
}
