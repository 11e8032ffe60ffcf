/**
 * Workload runs: a plan stored as a run ({@link org.slurmworkbench.workbench.workload.run.RunStore}), fed through a
 * Redis stream to submitters ({@code RunEngine}, {@code RunQueue}, {@code RunWorkers}, {@code JobSubmitter}), with the
 * runs API and the run pages. Each run records the cluster it ran on ({@code ClusterFacts}) and the scheduler's
 * {@code /diag} readings at its start, while it runs and at its end ({@code RunSampler}, {@code RunSchedulerStore});
 * a run can be repeated (same plan and seed). Builds on {@code plan}; {@code swf} and {@code analysis} build on it.
 */
package org.slurmworkbench.workbench.workload.run;
