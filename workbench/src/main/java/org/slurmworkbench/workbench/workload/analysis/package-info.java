/**
 * The analysis of runs: what Slurm reports of a run's jobs ({@code ResultStore}), metrics (wait, bounded slowdown,
 * utilization, throughput, makespan), charts and the A/B comparison, with the analysis API and pages. Builds on
 * {@code run}; nothing in the module depends on it.
 */
package org.slurmworkbench.workbench.workload.analysis;
