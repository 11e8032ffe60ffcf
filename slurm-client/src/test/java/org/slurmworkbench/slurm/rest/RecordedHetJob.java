package org.slurmworkbench.slurm.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.slurmworkbench.slurm.AccountingJob;

/**
 * The check of a recorded {@code accounting-hetjob} answer, the same for every API version once read: the
 * heterogeneous job {@code RecordResponses} ran ({@code rec-hetjob}, component 0 with 2 CPUs, component 1 with 3) is two
 * records with their own job ids, the leader's id as {@code hetJobId} and offsets 0 and 1; any other record in the
 * window is not heterogeneous (the {@code accounting-jobs} recordings check that reading on jobs of every kind).
 */
public final class RecordedHetJob {

    private RecordedHetJob() {
    }

    public static void check(List<AccountingJob> jobs) {
        List<AccountingJob> het = jobs.stream().filter(j -> "rec-hetjob".equals(j.name()))
                .sorted(Comparator.comparing(AccountingJob::hetJobOffset, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
        assertThat(het).as("components of rec-hetjob").hasSize(2);
        AccountingJob leader = het.get(0);
        AccountingJob second = het.get(1);
        assertThat(leader.hetJobId()).as("the leader's het id is its own job id").isEqualTo(leader.jobId());
        assertThat(leader.hetJobOffset()).isZero();
        assertThat(second.hetJobId()).isEqualTo(leader.jobId());
        assertThat(second.hetJobOffset()).isEqualTo(1);
        assertThat(second.jobId()).as("each component has a job id of its own").isNotEqualTo(leader.jobId());
        assertThat(leader.tresAllocated().cpus()).isEqualTo(2);
        assertThat(second.tresAllocated().cpus()).isEqualTo(3);
        for (AccountingJob c : het) {
            assertThat(c.state()).isEqualTo("COMPLETED");
            assertThat(c.elapsedSeconds()).isPositive();
            assertThat(c.arrayJobId()).isNull();
            assertThat(c.belongsTo(List.of(leader.jobId()))).as("a component belongs to its het job's id").isTrue();
        }
        assertThat(leader.belongsTo(List.of(second.jobId()))).as("the leader does not belong to a component's id").isFalse();
        assertThat(jobs).filteredOn(j -> !"rec-hetjob".equals(j.name())).allSatisfy(j -> {
            assertThat(j.hetJobId()).as("job %d is not heterogeneous", j.jobId()).isNull();
            assertThat(j.hetJobOffset()).isNull();
        });
    }
}
