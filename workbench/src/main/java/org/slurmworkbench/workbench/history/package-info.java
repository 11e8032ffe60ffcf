/**
 * Utilization history: a collector records every cluster's overview every N seconds (default 60) into MariaDB,
 * rolled up at write time into 1-minute, 1-hour and 1-day rows with their own retention, and
 * {@code GET /api/v1/clusters/{cluster}/utilization?from=&to=&step=} reads the series back.
 */
@org.springframework.modulith.ApplicationModule(displayName = "History")
package org.slurmworkbench.workbench.history;
