/**
 * Workloads ("Jasmine"): generate a workload from a researcher's parameters or import a recorded one (SWF), run it
 * against a live cluster through a Redis Streams queue, and analyse and compare how the scheduler coped. Slurm is
 * reached only through {@code cluster.Clusters}. Internals in four sub-packages whose dependencies go one way
 * ({@code WorkloadPackagesTest}): {@code plan} &lt;- {@code run} &lt;- {@code swf}, {@code run} &lt;- {@code analysis}
 * ({@code swf} also uses {@code plan}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workloads (Jasmine)")
package org.slurmworkbench.workbench.workload;
