package org.slurmworkbench.workbench.submit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/** Sends a checked submission to Slurm as the given Slurm user: the one place the API and the form submit. */
@Component
class Submitter {

    private static final Logger log = LoggerFactory.getLogger(Submitter.class);

    private final Clusters clusters;
    private final JobScriptStore scripts;

    Submitter(Clusters clusters, JobScriptStore scripts) {
        this.clusters = clusters;
        this.scripts = scripts;
    }

    SubmitResult submit(String cluster, String slurmUser, JobSubmission submission) {
        SubmitResult result = clusters.as(cluster, slurmUser).submit(submission);
        log.info("Submitted job {} on {} as {} ({})", result.jobId(), cluster, slurmUser, submission.name());
        try {
            scripts.save(cluster, result.jobId(), slurmUser, submission.script());
        } catch (DataAccessException e) {
            // the job is in Slurm and its id goes back to the caller; only the copy of its script is missing
            log.warn("Could not keep the script of job {} on {}: {}", result.jobId(), cluster, e.getMessage());
        }
        return result;
    }
}
