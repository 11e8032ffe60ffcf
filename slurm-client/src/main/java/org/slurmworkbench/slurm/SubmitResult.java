package org.slurmworkbench.slurm;

import java.util.List;

/**
 * A job Slurm accepted. {@code notices} keeps the non-fatal errors and warnings slurmrestd sent beside the
 * job id (a held job comes back with error 2042 and HTTP 200: accepted all the same).
 */
public record SubmitResult(long jobId, List<SlurmError> notices) {
}
