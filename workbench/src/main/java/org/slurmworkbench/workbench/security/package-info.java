/**
 * Workbench users (MariaDB, bcrypt), login and logout, roles USER and ADMIN, each user mapped to a Slurm user,
 * the bootstrap admin, and the admin page that adds users. Other modules ask
 * {@link org.slurmworkbench.workbench.security.CurrentUser} who is logged in.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package org.slurmworkbench.workbench.security;
