package org.slurmworkbench.slurm.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.JobStep;
import tools.jackson.databind.JsonNode;

/**
 * Steps' usage as the recordings hold it, for every API version: each step's MaxRSS is the {@code mem} entry of its
 * {@code tres.requested.max} (bytes) and its CPU time {@code time.total}, read here straight from the body; the
 * recordings hold at least one step whose MaxRSS was sampled (a batch script of a few MB).
 */
public final class RecordedStepUsage {

    private RecordedStepUsage() {
    }

    public static void check(List<AccountingJob> jobs, JsonNode body) {
        int sampled = 0;
        int i = 0;
        for (JsonNode j : body.path("jobs")) {
            AccountingJob job = jobs.get(i++);
            assertThat(job.jobId()).isEqualTo(j.path("job_id").asLong());
            int k = 0;
            for (JsonNode s : j.path("steps")) {
                JobStep step = job.steps().get(k++);
                Long expected = null;
                for (JsonNode t : s.path("tres").path("requested").path("max")) {
                    if ("mem".equals(t.path("type").asString())) {
                        expected = t.path("count").asLong();
                    }
                }
                assertThat(step.maxRssBytes()).as("MaxRSS of %s.%s", job.jobId(), step.id()).isEqualTo(expected);
                JsonNode total = s.path("time").path("total");
                assertThat(step.cpuMillis()).isEqualTo(total.path("seconds").asLong() * 1000
                        + total.path("microseconds").asLong() / 1000);
                if (expected != null) {
                    assertThat(expected).as("bytes, not KB or MB").isGreaterThan(1_000_000L).isLessThan(1L << 34);
                    sampled++;
                }
            }
        }
        assertThat(sampled).as("steps with a sampled MaxRSS").isPositive();
    }
}
