package org.slurmworkbench.slurm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to submit. Only {@code script} is required; the adapter fills what each release insists on
 * ({@code environment}, {@code current_working_directory}) and writes GPUs the way the release takes them
 * ({@code gres} on v0.0.38, {@code tres_per_node} later). Null fields are left to Slurm's defaults.
 */
public record JobSubmission(
        String script,
        String name,
        String partition,
        String account,
        String qos,
        Integer nodes,
        Integer tasks,
        Integer cpusPerTask,
        Long memoryPerCpuMb,
        Long memoryPerNodeMb,
        Integer timeLimitMinutes,
        String array,
        Integer gpusPerNode,
        String gpuType,
        String workDir,
        String standardOutput,
        String standardError,
        Map<String, String> environment,
        String comment,
        boolean hold,
        String dependency,
        String constraints,
        java.time.Instant beginTime) {

    public JobSubmission {
        Objects.requireNonNull(script, "script");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public static Builder builder(String script) {
        return new Builder(script);
    }

    public Builder toBuilder() {
        Builder b = new Builder(script);
        b.name = name; b.partition = partition; b.account = account; b.qos = qos; b.nodes = nodes; b.tasks = tasks;
        b.cpusPerTask = cpusPerTask; b.memoryPerCpuMb = memoryPerCpuMb; b.memoryPerNodeMb = memoryPerNodeMb;
        b.timeLimitMinutes = timeLimitMinutes; b.array = array; b.gpusPerNode = gpusPerNode; b.gpuType = gpuType;
        b.workDir = workDir; b.standardOutput = standardOutput; b.standardError = standardError;
        b.environment.putAll(environment); b.comment = comment; b.hold = hold; b.dependency = dependency;
        b.constraints = constraints; b.beginTime = beginTime;
        return b;
    }

    /** Fluent construction; every setter returns the builder. */
    public static final class Builder {
        private final String script;
        private String name, partition, account, qos, array, gpuType, workDir, standardOutput, standardError;
        private String comment, dependency, constraints;
        private Integer nodes, tasks, cpusPerTask, timeLimitMinutes, gpusPerNode;
        private Long memoryPerCpuMb, memoryPerNodeMb;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean hold;
        private java.time.Instant beginTime;

        private Builder(String script) {
            this.script = script;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder partition(String v) { partition = v; return this; }
        public Builder account(String v) { account = v; return this; }
        public Builder qos(String v) { qos = v; return this; }
        public Builder nodes(Integer v) { nodes = v; return this; }
        public Builder tasks(Integer v) { tasks = v; return this; }
        public Builder cpusPerTask(Integer v) { cpusPerTask = v; return this; }
        public Builder memoryPerCpuMb(Long v) { memoryPerCpuMb = v; return this; }
        public Builder memoryPerNodeMb(Long v) { memoryPerNodeMb = v; return this; }
        public Builder timeLimitMinutes(Integer v) { timeLimitMinutes = v; return this; }
        public Builder array(String v) { array = v; return this; }
        public Builder gpusPerNode(Integer v) { gpusPerNode = v; return this; }
        public Builder gpuType(String v) { gpuType = v; return this; }
        public Builder workDir(String v) { workDir = v; return this; }
        public Builder standardOutput(String v) { standardOutput = v; return this; }
        public Builder standardError(String v) { standardError = v; return this; }
        public Builder env(String key, String value) { environment.put(key, value); return this; }
        public Builder comment(String v) { comment = v; return this; }
        public Builder hold(boolean v) { hold = v; return this; }
        public Builder dependency(String v) { dependency = v; return this; }
        public Builder constraints(String v) { constraints = v; return this; }
        /** Slurm defers the allocation until then (sbatch --begin); null: as soon as possible. */
        public Builder beginTime(java.time.Instant v) { beginTime = v; return this; }

        public JobSubmission build() {
            return new JobSubmission(script, name, partition, account, qos, nodes, tasks, cpusPerTask, memoryPerCpuMb,
                    memoryPerNodeMb, timeLimitMinutes, array, gpusPerNode, gpuType, workDir, standardOutput,
                    standardError, environment, comment, hold, dependency, constraints, beginTime);
        }
    }
}
