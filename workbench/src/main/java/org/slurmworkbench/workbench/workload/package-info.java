/**
 * Workloads ("Jasmine"): generate a workload from a researcher's parameters or import a recorded one (SWF), run it
 * against a live cluster through a Redis Streams queue, and analyse and compare how the scheduler coped. Slurm is
 * reached only through {@code cluster.Clusters}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workloads (Jasmine)")
package org.slurmworkbench.workbench.workload;
