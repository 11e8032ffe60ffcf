/**
 * Notifications: users opt in, per job on the submit form or by default in their profile, to be told when a job
 * ends, fails or reaches a share of its time limit, by email (the SMTP server the site configures) and/or a webhook
 * (JSON with a {@code text} field). Ends are found in the shared live job list and, for jobs that left it or ended
 * while the app was down, in the accounting copy; each due message is written to a MariaDB outbox under a unique key
 * (cluster, job, kind, channel) before it is sent, then sent in batches at no more than a configured rate per channel.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.slurmworkbench.workbench.notify;
