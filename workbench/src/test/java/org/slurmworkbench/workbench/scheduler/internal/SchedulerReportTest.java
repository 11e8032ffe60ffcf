package org.slurmworkbench.workbench.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.slurm.rest.Statistics;
import org.slurmworkbench.workbench.scheduler.SchedulerReading;
import tools.jackson.databind.json.JsonMapper;

/** The report of real /diag answers recorded per release and API version (slurm-client's fixtures). */
class SchedulerReportTest {

    static Diag recorded(String release, String version) throws Exception {
        Path file = Path.of("../slurm-client/src/test/resources/recorded", release, version, "diag.json");
        return Statistics.diag(JsonMapper.builder().build().readTree(Files.readString(file)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"22.05, v0.0.38, 'backfill.lastDepth,backfill.lastDepthTried'", "24.11, v0.0.40, backfill.maxCycleMicros",
            "24.11, v0.0.42, ''", "26.05, v0.0.45, ''"})
    void namesWhatTheVersionDoesNotOfferAndHidesRpcsByUserFromUsers(String release, String version, String missing) throws Exception {
        Diag d = recorded(release, version);
        SchedulerReading r = new SchedulerReading("lab", Instant.now(), false, null, release, version, d);
        SchedulerReport user = SchedulerReport.of(r, 3, false);
        assertThat(String.join(",", user.notOffered())).isEqualTo(missing == null ? "" : missing);
        assertThat(user.rpcs().byUser()).isNull();
        assertThat(user.rpcs().byType()).hasSize(3).isSortedAccordingTo((a, b) -> Long.compare(b.count(), a.count()));
        assertThat(user.rpcs().byType().stream().mapToLong(SchedulerReport.Rpc::count).sum() + user.rpcs().otherTypes())
                .isEqualTo(user.rpcs().total());
        assertThat(user.main().jobsStarted() + user.backfill().jobsStarted()).isEqualTo(user.jobs().started());
        SchedulerReport admin = SchedulerReport.of(r, 15, true);
        assertThat(admin.rpcs().byUser()).isNotEmpty();
        assertThat(admin.rpcs().otherUsers()).isZero();
        assertThat(SchedulerPages.sections(admin)).hasSize(4).allSatisfy(s -> assertThat(s.rows()).isNotEmpty());
    }
}
