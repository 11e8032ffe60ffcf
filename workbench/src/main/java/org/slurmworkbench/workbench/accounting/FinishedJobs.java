package org.slurmworkbench.workbench.accounting;

import java.time.Instant;
import java.util.List;
import org.slurmworkbench.slurm.JobStep;

/**
 * Jobs after slurmctld has forgotten them (MinJobAge after their end): from the accounting copy when it holds the job
 * in its final state, else from slurmdbd, so a job stays findable from submit to history with no gap while the copy
 * catches up. Readers decide who may see what; these answer every user's records.
 */
public interface FinishedJobs {

    /**
     * Every record the id names, ended or not: the job itself, the tasks of array {@code jobId}, the components of
     * heterogeneous job {@code jobId}. Empty when neither the copy nor slurmdbd knows the id.
     *
     * @throws org.slurmworkbench.slurm.SlurmException when the copy lacks the job and slurmdbd cannot be asked
     */
    List<FinishedJob> records(String cluster, long jobId);

    /**
     * The steps slurmdbd recorded of one job record (by its own id), empty before any ran; read from slurmdbd, and
     * kept a while once the job has ended.
     *
     * @throws org.slurmworkbench.slurm.SlurmException when slurmdbd cannot be asked
     */
    List<JobStep> steps(String cluster, long jobId);

    /**
     * The records of {@code user} that ended at or after {@code since}, newest first, at most {@code limit}: the copy,
     * plus what slurmdbd recorded after the copy's last sync (read at most every few seconds per cluster and user).
     */
    List<FinishedJob> endedSince(String cluster, String user, Instant since, int limit);

    /**
     * Ids of {@code user}'s records that the copy holds as not ended, as of its last sync: those slurmctld no longer
     * holds ended after that sync, and {@link #records} tells how (the copy's overlapping windows settle them later).
     */
    List<Long> notEndedInCopy(String cluster, String user);
}
