package org.slurmworkbench.workbench.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.slurm.rest.Statistics;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What a sample adds: counter growth between two readings, counts since a reset after one, nothing twice. */
class SchedulerSampleTest {

    private static ObjectNode body() throws Exception {
        Path file = Path.of("../slurm-client/src/test/resources/recorded/26.05/v0.0.45/diag.json");
        return (ObjectNode) JsonMapper.builder().build().readTree(Files.readString(file));
    }

    private static Diag later(ObjectNode body, long seconds, long startedMore, boolean reset) {
        ObjectNode copy = body.deepCopy();
        ObjectNode s = (ObjectNode) copy.path("statistics");
        ((ObjectNode) s.path("req_time")).put("number", s.path("req_time").path("number").asLong() + seconds);
        s.put("jobs_started", reset ? startedMore : s.path("jobs_started").asLong() + startedMore);
        s.put("schedule_cycle_total", reset ? 2 : s.path("schedule_cycle_total").asLong() + 2);
        if (reset) {
            ((ObjectNode) s.path("req_time_start")).put("number", s.path("req_time").path("number").asLong() - 30);
        }
        return Statistics.diag(copy);
    }

    @Test
    void addsWhatTheCountersGrewBy() throws Exception {
        ObjectNode body = body();
        Diag first = Statistics.diag(body);
        SchedulerSample initial = SchedulerSample.of(null, first);
        assertThat(initial.countedSeconds()).isZero();
        assertThat(initial.jobsStarted()).isZero();
        assertThat(SchedulerSample.of(first, first)).as("the same reading twice").isNull();

        SchedulerSample next = SchedulerSample.of(first, later(body, 60, 5, false));
        assertThat(next.countedSeconds()).isEqualTo(60);
        assertThat(next.jobsStarted()).isEqualTo(5);
        assertThat(next.mainCycles()).isEqualTo(2);
        assertThat(next.rpcs()).isZero();

        SchedulerSample afterReset = SchedulerSample.of(first, later(body, 60, 3, true));
        assertThat(afterReset.countedSeconds()).as("since the reset").isEqualTo(30);
        assertThat(afterReset.jobsStarted()).isEqualTo(3);
        assertThat(afterReset.mainCycles()).isEqualTo(2);
    }
}
