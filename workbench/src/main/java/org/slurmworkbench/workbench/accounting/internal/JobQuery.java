package org.slurmworkbench.workbench.accounting.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated job search: the jobs active in the window that match the filters, one page, sorted by a whitelisted
 * column. {@code jobId} finds a job, the tasks of an array job and the components of a heterogeneous job by that id.
 */
record JobQuery(Filters filters, Long jobId, String sort, boolean descending, int page, int size) {

    /** API name -> column, in output order. */
    static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        String[][] c = {{"cluster", "cluster"}, {"jobId", "job_id"}, {"arrayJobId", "array_job_id"},
                {"arrayTaskId", "array_task_id"}, {"hetJobId", "het_job_id"}, {"hetJobOffset", "het_job_offset"},
                {"name", "job_name"}, {"user", "user_name"}, {"account", "account"},
                {"partition", "partition_name"}, {"qos", "qos"}, {"state", "state"}, {"exitCode", "exit_code"},
                {"submit", "submit_time"}, {"eligible", "eligible_time"}, {"start", "start_time"}, {"end", "end_time"},
                {"cpus", "cpus"}, {"nodes", "nodes"}, {"gpus", "gpus"}, {"memoryMb", "memory_mb"},
                {"timeLimitMinutes", "time_limit_min"}, {"elapsedSeconds", "elapsed_seconds"},
                {"cpuSeconds", "cpu_seconds"}, {"gpuSeconds", "gpu_seconds"}, {"waitSeconds", "wait_seconds"}};
        for (String[] pair : c) {
            COLUMNS.put(pair[0], pair[1]);
        }
    }

    static final List<String> SORTS = List.copyOf(COLUMNS.keySet());
}
