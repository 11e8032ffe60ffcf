package org.slurmworkbench.workbench.workload.swf;

/**
 * One line of a Standard Workload Format 2.2 file (Parallel Workloads Archive), its 18 fields in order; -1 means
 * unknown. Times in seconds, memory in KB per processor. A finished run exports its jobs with their real wait and
 * run times through this.
 */
record SwfRecord(
        long jobNumber,
        long submitTime,
        long waitTime,
        long runTime,
        long allocatedProcessors,
        double averageCpuTime,
        long usedMemory,
        long requestedProcessors,
        long requestedTime,
        long requestedMemory,
        int status,
        long userId,
        long groupId,
        long executable,
        long queue,
        long partition,
        long precedingJob,
        long thinkTime) {

    /** SWF status values: 1 completed, 0 failed, 5 cancelled, -1 unknown. */
    public static final int COMPLETED = 1;
    public static final int FAILED = 0;
    public static final int CANCELLED = 5;
    public static final int UNKNOWN = -1;

    /** A job of a plan, not run yet: what it asks for, nothing of what happened. */
    public static SwfRecord planned(long jobNumber, long submitTime, long runTime, long processors, long requestedTime,
                                    long userId, long groupId, long queue, long partition) {
        return new SwfRecord(jobNumber, submitTime, -1, runTime, -1, -1, -1, processors, requestedTime, -1, UNKNOWN,
                userId, groupId, -1, queue, partition, -1, -1);
    }
}
