package org.slurmworkbench.workbench.workload.run;

/** Where a run stands. CANCELLING lasts until the submitters have stopped (and, on request, Slurm has cancelled). */
public enum RunState {
    CREATED, RUNNING, PAUSED, CANCELLING, CANCELLED, DONE;

    public boolean isFinal() {
        return this == CANCELLED || this == DONE;
    }

    /** States in which the engine keeps a run's stream and submitters alive. */
    boolean isActive() {
        return this == RUNNING || this == PAUSED || this == CANCELLING;
    }
}
