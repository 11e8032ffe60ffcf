package org.slurmworkbench.workbench.notify.internal;

import java.time.Instant;
import org.slurmworkbench.workbench.notify.JobNotifications.Choices;

/** What the workbench user {@code username} asked to be told about job {@code jobId}, run as {@code slurmUser}. */
record OptIn(String cluster, long jobId, String username, String slurmUser, Choices choices, boolean timeDone,
             Instant createdAt) {
}
