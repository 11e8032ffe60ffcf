package org.slurmworkbench.workbench.notify;

/** What a user asked to be told about a job they submit, and the choices their profile starts the form with. */
public interface JobNotifications {

    /** The user's default choices (all off for a user without a profile). */
    Choices defaults(String username);

    /** Whether the user has an address or webhook that this site can send to. */
    boolean reachable(String username);

    /**
     * Records what the workbench user {@code username} wants to be told about job {@code jobId} (an array's own id:
     * one summary when its last task ends), submitted as {@code slurmUser}. Nothing is recorded for choices that ask
     * for nothing.
     */
    void optIn(String cluster, long jobId, String username, String slurmUser, Choices choices);

    /**
     * Tell when the job ends (any way), when it fails (ends other than COMPLETED), and when it has run
     * {@code timeSharePercent} % of its time limit (null: never).
     */
    record Choices(boolean onEnd, boolean onFail, Integer timeSharePercent) {

        public static final Choices NONE = new Choices(false, false, null);

        public boolean any() {
            return onEnd || onFail || timeSharePercent != null;
        }
    }
}
