/**
 * Cluster gauges for Prometheus at {@code GET /api/v1/metrics} (text exposition format): nodes by state, CPUs, GPUs
 * and memory per partition, jobs by state per partition, pending jobs by reason, running CPUs and GPUs of the top users
 * and accounts (the rest summed under {@code other}) and the scheduler's cycle times. Served only from the shared
 * snapshots (the dashboard's overview, {@code cluster.ClusterJobs}' list, the scheduler module's last {@code /diag}
 * reading): a scrape sends no request to slurmrestd of its own, and the job list is counted once per new list, not per
 * scrape. Access: the bearer token {@code workbench.metrics.token} or an admin (security module).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cluster gauges")
package org.slurmworkbench.workbench.gauges;
