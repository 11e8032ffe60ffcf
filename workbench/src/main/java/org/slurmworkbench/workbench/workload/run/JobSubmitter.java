package org.slurmworkbench.workbench.workload.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.springframework.stereotype.Component;

/**
 * Sends one claimed job of a run as its user (the caller won its claim, see {@link RunStore#claim}). Slurm's answer is
 * handed to the caller, who records accepted jobs in batches; a refusal marks the job FAILED at once; no answer at all
 * leaves the claim standing "in doubt", for the engine to settle by asking Slurm, because the job may have been
 * accepted all the same (as may one whose acceptance was not yet recorded when the process died).
 */
@Component
class JobSubmitter {

    private static final Logger log = LoggerFactory.getLogger(JobSubmitter.class);

    private final RunStore store;
    private final Clusters clusters;
    private final MeterRegistry meters;
    /** The counters by cluster and outcome, looked up once rather than per job. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    JobSubmitter(RunStore store, Clusters clusters, MeterRegistry meters) {
        this.store = store;
        this.clusters = clusters;
        this.meters = meters;
    }

    /** What became of one delivery. */
    enum Outcome { SUBMITTED, FAILED, IN_DOUBT }

    /**
     * Submits one claimed job, hands an accepted one to {@code accepted}, and counts it in
     * {@code workbench.workload.submissions} by cluster and outcome (its rate is the submission rate).
     */
    Outcome submit(Run run, PlannedJob job, Consumer<RunStore.Submitted> accepted) {
        Outcome outcome = attempt(run, job, accepted);
        counters.computeIfAbsent(run.cluster() + "\0" + outcome, k -> meters.counter("workbench.workload.submissions",
                "cluster", run.cluster(), "outcome", outcome.name())).increment();
        return outcome;
    }

    private Outcome attempt(Run run, PlannedJob job, Consumer<RunStore.Submitted> accepted) {
        int seq = job.seq();
        try {
            SubmitResult result = clusters.as(run.cluster(), job.user()).submit(submission(run.id(), job));
            accepted.accept(new RunStore.Submitted(seq, result.jobId(), Instant.now()));
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
