/**
 * The dashboard: a per-cluster {@link org.slurmworkbench.workbench.dashboard.Overview} built from slurmrestd's
 * nodes, partitions and jobs (one fetch shared by all viewers through Redis, served stale with its age when
 * slurmrestd is unreachable), {@code GET /api/v1/clusters/{cluster}/overview} and the dashboard's live cards.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard")
package org.slurmworkbench.workbench.dashboard;
