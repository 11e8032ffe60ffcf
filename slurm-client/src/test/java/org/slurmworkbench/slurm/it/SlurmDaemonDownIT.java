package org.slurmworkbench.slurm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.lab.LabCluster;

/**
 * A read while a daemon of a lab release is stopped (then started again with {@code lab up}). Without slurmrestd the
 * connection is refused: the read is tried again (slurmrestd may be restarting). Without slurmctld, slurmrestd answers
 * only after its own attempts to reach it: 24.11+ with error 1800, 22.05 with HTTP 500 and error -1 as for a rejected
 * token. That answer is neither tried again nor, for a user whose tokens worked, taken for a rejected token and sent
 * again with a renewed one: either would wait as long again.
 */
class SlurmDaemonDownIT {

    static Stream<Arguments> cases() {
        return LabCluster.all().stream().flatMap(lab -> Stream.of(Arguments.of(lab, "slurmrestd"), Arguments.of(lab, "slurmctld")));
    }

    @ParameterizedTest(name = "{0}, {1} stopped")
    @MethodSource("cases")
    void aReadIsTriedAgainOnlyWhenTheConnectionFails(LabCluster lab, String daemon) {
        SlurmClient client = lab.client();
        SlurmApi admin = client.as(lab.adminUser());
        assertThat(admin.nodes()).isNotEmpty(); // discovered, and the admin's tokens proven
        List<Integer> exchanges = new CopyOnWriteArrayList<>();
        client.transport().observer((method, endpoint, status, nanos) -> exchanges.add(status));
        lab.stop(daemon);
        SlurmException.Unavailable e;
        try {
            e = catchThrowableOfType(SlurmException.Unavailable.class, admin::jobs);
        } finally {
            lab.up();
        }
        int attempts = client.config().maxAttempts();
        assertThat(e).as("jobs with %s stopped", daemon).isNotNull();
        if (daemon.equals("slurmrestd")) {
            assertThat(e.connectionFailed()).as(e.getMessage()).isTrue();
            assertThat(exchanges).as("one unanswered exchange per attempt").hasSize(attempts).containsOnly(0);
        } else {
            assertThat(e.connectionFailed()).as(e.getMessage()).isFalse();
            assertThat(exchanges).as("the answer saying slurmctld is down, once").hasSize(1).doesNotContain(0);
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> admin.jobs() != null);
    }
}
