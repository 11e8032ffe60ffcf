/**
 * Workload runs: a plan stored as a run ({@link org.slurmworkbench.workbench.workload.run.RunStore}), fed through a
 * Redis stream to submitters ({@code RunEngine}, {@code RunQueue}, {@code RunWorkers}, {@code JobSubmitter}), with the
 * runs API and the run pages. Builds on {@code plan}; {@code swf} and {@code analysis} build on it.
 */
package org.slurmworkbench.workbench.workload.run;
