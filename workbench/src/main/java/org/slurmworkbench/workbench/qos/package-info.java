/**
 * QOS: every QOS of a cluster with its limits and their current use (from the running and pending jobs of
 * slurmrestd), the "ceiling touch" view (a sampler records each QOS's GPU and CPU use against its limits, the
 * jobs pending on QOS limits and the cluster's idle GPUs over time), and admin-only edits through the slurmdbd REST
 * API, read back to confirm and recorded in an audit log. Reaches Slurm only through {@code cluster.Clusters}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "QOS")
package org.slurmworkbench.workbench.qos;
