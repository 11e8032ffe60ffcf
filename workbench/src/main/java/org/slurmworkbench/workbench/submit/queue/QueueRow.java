package org.slurmworkbench.workbench.submit.queue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.slurmworkbench.workbench.submit.internal.JobView;

/**
 * One row of the queue: the job as everywhere else, with what the queue also sorts by (null time left: unlimited). The
 * priority is written once, as the job's.
 */
public record QueueRow(@JsonUnwrapped JobView job, @JsonIgnore long priority, Long timeLeftSeconds) {
}
