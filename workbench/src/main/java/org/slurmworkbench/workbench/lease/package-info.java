/**
 * Leases: which workbench instance does a periodic task (history collection, accounting sync) when several run
 * behind a load balancer on the same MariaDB. A lease expires unless renewed, so a dead instance's work is taken
 * over after at most one lease time.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Leases")
package org.slurmworkbench.workbench.lease;
