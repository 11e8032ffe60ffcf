package org.slurmworkbench.workbench.submit;

import org.springframework.validation.Errors;

/**
 * Where a job may go, checked as the job form checks it, for modules that build their own submissions (glideins):
 * the partition must exist, the account and QOS must be among the Slurm user's associations, the time limit must
 * be a Slurm time within the partition's limit (MaxTime), the nodes within its MaxNodes and node count, and CPUs,
 * memory and GPUs within what its largest node has. Partitions and nodes come from the shared overview snapshot (no
 * Slurm read per check); associations are read as the cluster's service user. Sends nothing.
 */
public interface JobPlacement {

    /**
     * What is checked; blank partition/account/QOS mean the user's defaults, a blank time limit the partition's; null
     * sizes are not checked. {@code gpus} are per node; {@code memoryMb} per node, or per CPU when {@code memoryPerCpu}.
     */
    record Placement(String partition, String account, String qos, String timeLimit, Integer nodes, Integer gpus,
                     Integer tasks, Integer cpusPerTask, Long memoryMb, boolean memoryPerCpu) {

        public Placement(String partition, String account, String qos, String timeLimit, Integer nodes, Integer gpus) {
            this(partition, account, qos, timeLimit, nodes, gpus, null, null, null, false);
        }
    }

    /** What a form offers a Slurm user: the cluster's partitions, and the accounts and QOS of the user's associations. */
    record Choices(java.util.List<String> partitions, java.util.List<String> accounts, java.util.List<String> qos) {
    }

    /** The choices of {@code slurmUser} on {@code cluster}; partitions from the shared overview snapshot. */
    Choices choices(String cluster, String slurmUser);

    /**
     * Checks {@code placement} for {@code slurmUser} on {@code cluster}, rejecting on the record's own field names
     * ({@code partition}, {@code account}, {@code qos}, {@code timeLimit}, {@code nodes}, {@code gpus}, {@code tasks},
     * {@code cpusPerTask}, {@code memory}) of
     * {@code errors}, whose target must have those properties. Answers the time limit in minutes to send, or null
     * (none given, or UNLIMITED within an unlimited partition).
     */
    Integer check(String cluster, String slurmUser, Placement placement, Errors errors);
}
