/**
 * Submission ("Tomato"): the job API ({@code /api/v1/clusters/{cluster}/jobs}: submit, list, show, cancel, hold,
 * release) and the job form. Every spec is checked with Slurm's own syntax rules and against what the user may
 * use on the cluster before anything is sent; Slurm is reached only through {@code cluster.Clusters}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Submission (Tomato)")
package org.slurmworkbench.workbench.submit;
