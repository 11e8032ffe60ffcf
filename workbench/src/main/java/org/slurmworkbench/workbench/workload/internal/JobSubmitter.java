package org.slurmworkbench.workbench.workload.internal;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.stereotype.Component;

/**
 * Submits one job of a run exactly once: claim it in the database, send it as its user, record the Slurm id. A
 * refusal by Slurm marks it FAILED; no answer at all leaves the claim standing "in doubt", for the engine to settle by
 * asking Slurm, because the job may have been accepted all the same.
 */
@Component
class JobSubmitter {

    private static final Logger log = LoggerFactory.getLogger(JobSubmitter.class);

    private final RunStore store;
    private final Clusters clusters;
    private final MeterRegistry meters;

    JobSubmitter(RunStore store, Clusters clusters, MeterRegistry meters) {
        this.store = store;
        this.clusters = clusters;
        this.meters = meters;
    }

    /** What became of one delivery. */
    enum Outcome { SUBMITTED, FAILED, SKIPPED, IN_DOUBT }

    /** Submits one job and counts it in {@code workbench.workload.submissions} by cluster and outcome (its rate is the submission rate). */
    Outcome submit(Run run, int seq, String owner) {
        return submit(run, seq, owner, null);
    }

    /** The same, with the planned job when the caller already holds it (saves reading it again). */
    Outcome submit(Run run, int seq, String owner, PlannedJob known) {
        Outcome outcome = attempt(run, seq, owner, known);
        meters.counter("workbench.workload.submissions", "cluster", run.cluster(), "outcome", outcome.name()).increment();
        return outcome;
    }

    private Outcome attempt(Run run, int seq, String owner, PlannedJob known) {
        if (!store.claim(run.id(), seq, owner, Instant.now())) {
            return Outcome.SKIPPED;
        }
        PlannedJob job = known != null && known.seq() == seq ? known : store.job(run.id(), seq).orElse(null);
        if (job == null) {
            return Outcome.SKIPPED;
        }
        try {
            SubmitResult result = clusters.as(run.cluster(), job.user()).submit(submission(run.id(), job));
            store.submitted(run.id(), seq, result.jobId(), Instant.now());
            log.debug("Run {} seq {}: Slurm job {}", run.id(), seq, result.jobId());
            return Outcome.SUBMITTED;
        } catch (SlurmException.Unavailable e) {
            log.warn("Run {} seq {}: no answer from Slurm ({}); left in doubt", run.id(), seq, e.getMessage());
            return Outcome.IN_DOUBT;
        } catch (SlurmException e) {
            log.info("Run {} seq {}: Slurm refused the job: {}", run.id(), seq, e.getMessage());
            store.failed(run.id(), seq, e.getMessage());
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            log.warn("Run {} seq {}: submission failed ({}); left in doubt", run.id(), seq, e.toString());
            return Outcome.IN_DOUBT;
        }
    }

    /** The Slurm job of a planned submission: a script that sleeps the run time, output discarded. */
    static JobSubmission submission(String runId, PlannedJob job) {
        JobSubmission.Builder b = JobSubmission.builder("#!/bin/sh\nsleep " + job.runSeconds() + "\n")
                .name(Run.jobName(runId, job.seq())).comment(Run.jobComment(runId, job.seq()))
                .account(job.account()).partition(job.partition()).qos(job.qos())
                .nodes(job.nodes()).tasks(job.cpus()).cpusPerTask(1).timeLimitMinutes(job.timeLimitMinutes())
                .standardOutput("/dev/null").standardError("/dev/null");
        if (job.gpusPerNode() > 0) {
            b.gpusPerNode(job.gpusPerNode());
        }
        if (job.arrayTasks() > 0) {
            b.array("0-" + (job.arrayTasks() - 1));
        }
        return b.build();
    }
}
