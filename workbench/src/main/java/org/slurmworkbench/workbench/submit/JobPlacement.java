package org.slurmworkbench.workbench.submit;

import org.springframework.validation.Errors;

/**
 * Where a job may go, checked as the job form checks it, for modules that build their own submissions (glideins):
 * the partition must exist, the account and QOS must be among the Slurm user's associations, the time limit must
 * be a Slurm time within the partition's limit, GPUs only where the partition has them. Reads the cluster as its
 * service user; sends nothing.
 */
public interface JobPlacement {

    /** What is checked; blank partition/account/QOS mean the user's defaults, a blank time limit the partition's. */
    record Placement(String partition, String account, String qos, String timeLimit, Integer nodes, Integer gpus) {
    }

    /**
     * Checks {@code placement} for {@code slurmUser} on {@code cluster}, rejecting on the record's own field names
     * ({@code partition}, {@code account}, {@code qos}, {@code timeLimit}, {@code nodes}, {@code gpus}) of
     * {@code errors}, whose target must have those properties. Answers the time limit in minutes to send, or null
     * (none given, or UNLIMITED within an unlimited partition).
     */
    Integer check(String cluster, String slurmUser, Placement placement, Errors errors);
}
