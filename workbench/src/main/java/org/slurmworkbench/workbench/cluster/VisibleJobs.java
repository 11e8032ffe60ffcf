package org.slurmworkbench.workbench.cluster;

/**
 * Whose jobs an ordinary user of a cluster may see ({@code workbench.clusters[i].visible-jobs}); owners, account
 * coordinators and admins see theirs whatever this says. Seeing is not acting: actions stay with owners,
 * coordinators and admins, as Slurm allows them.
 */
public enum VisibleJobs {
    /** Every job of the cluster. */
    ALL,
    /** Their own jobs and those of every account they have an association in. */
    ACCOUNTS,
    /** Their own jobs only. */
    OWN
}
