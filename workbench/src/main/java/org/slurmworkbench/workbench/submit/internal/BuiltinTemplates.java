package org.slurmworkbench.workbench.submit.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in job templates: the usual shapes of a batch job, each a filled job form the user adjusts.
 * Partition, account and QOS are left to the user's defaults except where the shape needs them (GPU).
 */
final class BuiltinTemplates {

    static final Map<String, JobForm> ALL = new LinkedHashMap<>();

    static {
        ALL.put("serial", form("serial", null, null, 1, 1, 1, "1G", null, "30", null,
                "#!/bin/bash\n# One task on one CPU.\nhostname\ndate\n"));
        ALL.put("threads", form("threads", null, null, 1, 1, 8, "4G", null, "1:00:00", null,
                "#!/bin/bash\n# One task with several threads; OpenMP reads the CPU count Slurm gives.\n"
                        + "export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}\necho \"threads: $OMP_NUM_THREADS\"\n"));
        ALL.put("mpi", form("mpi", null, null, 2, 8, 1, "1G", null, "1:00:00", null,
                "#!/bin/bash\n# MPI ranks started by srun, one per task across the nodes.\nsrun hostname\n"));
        ALL.put("gpu", form("gpu", "gpu", "gpu", 1, 1, 4, "8G", 1, "2:00:00", null,
                "#!/bin/bash\n# One GPU; Slurm sets CUDA_VISIBLE_DEVICES.\necho \"GPU: $CUDA_VISIBLE_DEVICES\"\n"));
        ALL.put("array", form("array", null, null, 1, 1, 1, "1G", null, "30", "0-99%10",
                "#!/bin/bash\n# One task per index; at most 10 run at once.\necho \"task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_JOB_ID\"\n"));
    }

    private BuiltinTemplates() {
    }

    static Optional<JobForm> get(String name, String cluster) {
        JobForm t = ALL.get(name);
        return t == null ? Optional.empty() : Optional.of(t.withCluster(cluster));
    }

    private static JobForm form(String name, String partition, String qos, int nodes, int tasks, int cpus, String memory,
                                Integer gpus, String time, String array, String script) {
        return new JobForm(null, name, partition, "", qos, nodes, tasks, cpus, memory, JobSpec.MemoryPer.NODE, gpus, time,
                array, "/tmp", "", "", "", "", "", false, "", script, "");
    }
}
