package org.slurmworkbench.workbench.workload.plan;

/**
 * One submission of a workload plan, as the generator or an SWF import produced it. {@code seq} numbers the
 * submissions of a plan from 1 and is what a run writes into the job's name ({@code wb-<run>-<seq>}), so a restart
 * can tell what Slurm already holds. Null account, partition or QOS leave the choice to Slurm's defaults.
 *
 * @param seq               1-based position in the plan
 * @param submitOffsetMillis when to submit, counted from the start of the run
 * @param user              the Slurm user the job is submitted as
 * @param nodes             nodes per job (at least 1)
 * @param cpus              CPUs per job in total (tasks of one CPU each)
 * @param gpusPerNode       GPUs per node, 0 for none
 * @param runSeconds        how long the job really runs (its script sleeps this long)
 * @param timeLimitMinutes  the time limit asked for (run time times the over-estimate factor, rounded up)
 * @param arrayTasks        0 for a plain job, otherwise the number of identical array tasks packed in this submission
 */
public record PlannedJob(
        int seq,
        long submitOffsetMillis,
        String user,
        String account,
        String partition,
        String qos,
        int nodes,
        int cpus,
        int gpusPerNode,
        int runSeconds,
        int timeLimitMinutes,
        int arrayTasks) {

    /** How many Slurm jobs (array tasks count one each) this submission becomes. */
    public int slurmJobs() {
        return arrayTasks == 0 ? 1 : arrayTasks;
    }
}
