package org.slurmworkbench.slurm;

/**
 * Changes to a pending or running job; null fields stay as they are. {@code hold} true holds the job,
 * false releases it.
 */
public record JobUpdate(Integer timeLimitMinutes, String name, String comment, Boolean hold, String partition,
                        String qos, Long priority) {

    public static JobUpdate timeLimit(int minutes) {
        return new JobUpdate(minutes, null, null, null, null, null, null);
    }

    public static JobUpdate comment(String comment) {
        return new JobUpdate(null, null, comment, null, null, null, null);
    }

    public static JobUpdate hold(boolean hold) {
        return new JobUpdate(null, null, null, hold, null, null, null);
    }
}
