/**
 * HTCondor glidein pilots: a form and a factory API ({@code /api/v1/clusters/{cluster}/glideins}) that send N
 * pilots for an HTCondor pool into Slurm as one job array of the caller's own Slurm user, each running the app's
 * one pilot template (resource {@code glidein/pilot.sh}), and a view of each pilot's Slurm state. Requests are kept
 * in MariaDB without their pool token; placement is checked by the submit module's
 * {@link org.slurmworkbench.workbench.submit.JobPlacement}; Slurm is reached only through {@code cluster.Clusters}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Glidein pilots")
package org.slurmworkbench.workbench.glidein;
