/**
 * The scheduler page: what slurmctld's schedulers did, from {@code /diag} (what {@code sdiag} prints): main and
 * backfill cycles, server threads, agents, RPCs by type and (admins only) by user. One read per cluster shared by all
 * viewers and by the history collector ({@link org.slurmworkbench.workbench.scheduler.SchedulerReadings});
 * {@code GET /api/v1/clusters/{cluster}/scheduler}. Its history is recorded and served by the history module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Scheduler")
package org.slurmworkbench.workbench.scheduler;
