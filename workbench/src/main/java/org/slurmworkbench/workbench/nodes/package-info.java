/**
 * Nodes and reservations: the node list and a node's page (state with its reason, who set it and when, features,
 * GRES, load, memory, partitions and the jobs on it as the viewer may see them), drain and resume for admins where
 * the cluster's REST API offers node updates (v0.0.40+), and the reservations. API under
 * {@code /api/v1/clusters/{cluster}/nodes} and {@code .../reservations}. Reads Slurm only through {@code cluster.Clusters}
 * and jobs from the shared {@code cluster.ClusterJobs} list.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Nodes and reservations")
package org.slurmworkbench.workbench.nodes;
