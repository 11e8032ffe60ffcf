/**
 * Connections to the configured Slurm clusters: one {@code SlurmClient} per cluster, their reachability
 * (probed with a short timeout, cached briefly in Redis), a health contributor and {@code GET /api/v1/clusters}.
 * Other modules use {@link org.slurmworkbench.workbench.cluster.Clusters} to reach a cluster as a Slurm user.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Clusters")
package org.slurmworkbench.workbench.cluster;
