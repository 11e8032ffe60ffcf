package org.slurmworkbench.workbench.workload.run;

/** Where one submission of a run stands: PLANNED (stored), QUEUED (in the stream), then one of the last three. */
enum JobState {
    PLANNED, QUEUED, SUBMITTED, FAILED, CANCELLED
}
