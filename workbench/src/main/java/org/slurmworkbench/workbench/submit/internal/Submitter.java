package org.slurmworkbench.workbench.submit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.stereotype.Component;

/** Sends a checked submission to Slurm as the given Slurm user: the one place the API and the form submit. */
@Component
class Submitter {

    private static final Logger log = LoggerFactory.getLogger(Submitter.class);

    private final Clusters clusters;

    Submitter(Clusters clusters) {
        this.clusters = clusters;
    }

    SubmitResult submit(String cluster, String slurmUser, JobSubmission submission) {
        SubmitResult result = clusters.as(cluster, slurmUser).submit(submission);
        log.info("Submitted job {} on {} as {} ({})", result.jobId(), cluster, slurmUser, submission.name());
        return result;
    }
}
