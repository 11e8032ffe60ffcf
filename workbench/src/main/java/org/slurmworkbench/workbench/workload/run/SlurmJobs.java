package org.slurmworkbench.workbench.workload.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.AccountingQuery;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.stereotype.Component;

/**
 * What Slurm holds of a run, found by job name ({@code wb-<run>-<seq>}): slurmctld's job list for what is pending,
 * running or recently finished, accounting for the rest. The one place the engine (reconcile) and the analysis ask.
 */
@Component
public class SlurmJobs {

    /** One Slurm job (an array task counts as one) of a run, as Slurm reports it. */
    public record Result(long slurmJobId, long submissionId, int seq, String user, int cpus, int gpus, String state,
                  Instant submit, Instant start, Instant end, boolean finished) {
    }

    private final Clusters clusters;

    SlurmJobs(Clusters clusters) {
        this.clusters = clusters;
    }

    /** Every Slurm job of the run, live ones from slurmctld and, with {@code accounting}, finished ones from slurmdbd. */
    public List<Result> of(Run run, boolean accounting) {
        SlurmApi api = clusters.asServiceUser(run.cluster());
        Map<Long, Result> byId = new LinkedHashMap<>();
        if (accounting) {
            Instant from = (run.startedAt() == null ? run.createdAt() : run.startedAt()).minus(Duration.ofMinutes(1));
            for (AccountingJob j : api.accountingJobs(AccountingQuery.between(from, Instant.now().plusSeconds(60)))) {
                int seq = run.seqOf(j.name());
                if (seq > 0) {
                    long submission = j.arrayJobId() != null && j.arrayJobId() != 0 ? j.arrayJobId() : j.jobId();
                    byId.put(j.jobId(), new Result(j.jobId(), submission, seq, j.user(), (int) j.tresAllocated().cpus()
                            > 0 ? (int) j.tresAllocated().cpus() : (int) j.tresRequested().cpus(),
                            (int) Math.max(j.tresAllocated().gpus(), j.tresRequested().gpus()), j.state(), j.submitTime(),
                            j.startTime(), j.endTime(), !isLive(j.state())));
                }
            }
        }
        // slurmctld's view is newer for what it still holds
        for (Job j : api.jobs()) {
            int seq = run.seqOf(j.name());
            if (seq > 0) {
                long submission = j.isArray() ? j.arrayJobId() : j.jobId();
                // slurmctld gives a pending job its expected start and a running one its expected end: not facts yet
                boolean started = !"PENDING".equals(j.state());
                byId.put(j.jobId(), new Result(j.jobId(), submission, seq, j.user(), j.cpus(), (int) j.gpus(), j.state(),
                        j.submitTime(), started ? j.startTime() : null, j.isFinished() ? j.endTime() : null,
                        j.isFinished()));
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** Sequence number -> Slurm job id (the array's id for an array) of every submission Slurm holds. */
    Map<Integer, Long> submissions(Run run) {
        Map<Integer, Long> seqs = new HashMap<>();
        for (Result r : of(run, true)) {
            seqs.putIfAbsent(r.seq(), r.submissionId());
        }
        return seqs;
    }

    private static boolean isLive(String state) {
        return switch (state) {
            case "PENDING", "RUNNING", "SUSPENDED", "CONFIGURING", "COMPLETING", "REQUEUED", "RESIZING" -> true;
            default -> false;
        };
    }
}
