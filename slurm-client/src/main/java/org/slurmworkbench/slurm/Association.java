package org.slurmworkbench.slurm;

import java.util.List;

/** A user's (or an account's, when {@code user} is empty) association in slurmdbd. */
public record Association(
        String cluster,
        String account,
        String user,
        String partition,
        String parentAccount,
        String defaultQos,
        List<String> qos,
        Tres grpTres,
        Tres maxTresPerJob,
        Integer maxJobs,
        Integer maxSubmitJobs) {
}
