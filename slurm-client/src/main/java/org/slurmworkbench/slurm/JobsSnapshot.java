package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a job list read. {@code notModified} is true when the caller passed {@code changedSince} and
 * slurmctld said nothing changed (HTTP 304); then {@code jobs} is empty and the caller keeps what it had.
 * {@code lastUpdate} is the controller's last change time, to pass back next time.
 */
public record JobsSnapshot(boolean notModified, List<Job> jobs, Instant lastUpdate) {
}
