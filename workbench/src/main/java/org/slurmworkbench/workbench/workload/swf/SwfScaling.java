package org.slurmworkbench.workbench.workload.swf;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.workbench.workload.plan.Capacity.PartitionCapacity;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Change;
import org.slurmworkbench.workbench.workload.swf.SwfReport.ChangeExample;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Machine;
import org.slurmworkbench.workbench.workload.swf.SwfReport.SizeSource;

/**
 * Turns trace jobs into plan jobs for one partition: processors scaled by the partition's CPUs over the trace's
 * machine size, nodes by its nodes over the trace's, run times compressed. Each job's CPUs are its scaled processors
 * rounded down or up, whichever keeps the CPU-seconds asked so far closer to the trace's times the factor (the
 * rounding error is carried from job to job), so the plan offers the trace's load however small the jobs get.
 */
final class SwfScaling {

    /** A job line as the trace has it, kept until the machine size is known (after the last line). */
    record TraceJob(long line, long number, long submit, long run, long processors, long requested, long user) {
    }

    private final SwfOptions options;
    private final PartitionCapacity target;
    private final Machine machine;
    private final double factor;
    private final double timeScale;
    private final Map<Change, Long> changedBy = new EnumMap<>(Change.class);
    private final List<ChangeExample> examples = new ArrayList<>();
    private long changedJobs;
    /** CPU-seconds the trace times the factor asked so far, less what the plan asks. */
    private double carry;
    private double expectedCpuSeconds;
    private double planCpuSeconds;

    SwfScaling(SwfOptions options, PartitionCapacity target, Machine machine) {
        this.options = options;
        this.target = target;
        this.machine = machine;
        this.factor = options.scaleOrDefault() ? target.cpus() / (double) machine.processors() : 1;
        this.timeScale = options.compressRunTimesOrDefault() ? options.compressionOrDefault() : 1;
    }

    /**
     * The trace's machine size: MaxProcs; else MaxNodes times the processors per node its largest job implies (one
     * when no job asks for more than MaxNodes); else the largest job.
     */
    static Machine machine(Long maxProcs, Long maxNodes, long largestJob) {
        if (maxProcs != null) {
            Long perNode = maxNodes != null && maxProcs % maxNodes == 0 ? maxProcs / maxNodes : null;
            return new Machine(maxProcs, maxNodes, perNode, SizeSource.MAX_PROCS, largestJob);
        }
        if (maxNodes != null) {
            long perNode = largestJob <= maxNodes ? 1 : (largestJob + maxNodes - 1) / maxNodes;
            return new Machine(maxNodes * perNode, maxNodes, perNode,
                    perNode == 1 ? SizeSource.MAX_NODES : SizeSource.MAX_NODES_TIMES_INFERRED, largestJob);
        }
        return new Machine(Math.max(1, largestJob), null, null, SizeSource.LARGEST_JOB, largestJob);
    }

    double factor() {
        return factor;
    }

    /** The plan job for {@code j} (seq 0, its offset still the trace's submit time in seconds). */
    PlannedJob plan(TraceJob j, String user) {
        List<Change> changes = new ArrayList<>(2);
        double run = j.run() / timeScale;
        long runSeconds = Math.round(run);
        if (runSeconds < 1) {
            runSeconds = 1;
            changes.add(Change.RUN_TIME_RAISED_TO_ONE_SECOND);
        }
        long requested = j.requested() > 0 ? Math.round(j.requested() / timeScale) : -1;
        long limit = requested > 0 ? ceilMinutes(Math.max(requested, runSeconds))
                : ceilMinutes(Math.ceil(runSeconds * options.timeLimitFactorOrDefault()));
        if (target.maxTimeMinutes() > 0 && limit > target.maxTimeMinutes()) {
            limit = target.maxTimeMinutes();
            runSeconds = Math.min(runSeconds, limit * 60);
            changes.add(Change.CUT_TO_TIME_LIMIT);
        }
        // rounded to 1e-9 so that 300 x (128 / 300) is 128, not 127.99999999999999
        double scaled = Math.round(j.processors() * factor * 1e9) / 1e9;
        double expected = scaled * run;
        int cpus;
        if (scaled > target.cpus()) {
            cpus = target.cpus();
            changes.add(Change.CLAMPED_TO_PARTITION);
        } else {
            int down = (int) Math.max(1, Math.floor(scaled));
            int up = (int) Math.max(1, Math.ceil(scaled));
            cpus = Math.abs(carry + expected - (double) down * runSeconds)
                    <= Math.abs(carry + expected - (double) up * runSeconds) ? down : up;
            if (scaled < 1) {
                changes.add(Change.RAISED_TO_ONE_CPU);
            }
        }
        carry += expected - (double) cpus * runSeconds;
        expectedCpuSeconds += expected;
        planCpuSeconds += (double) cpus * runSeconds;
        for (Change c : changes) {
            if (changedBy.merge(c, 1L, Long::sum) <= SwfReader.EXAMPLES_PER_REASON) {
                examples.add(new ChangeExample(j.line(), j.number(), c, j.processors(), j.run(), scaled, cpus,
                        (int) Math.min(runSeconds, Integer.MAX_VALUE)));
            }
        }
        changedJobs += changes.isEmpty() ? 0 : 1;
        return new PlannedJob(0, j.submit(), user, null, options.partition(), null, nodes(j, cpus), cpus, 0,
                (int) Math.min(runSeconds, Integer.MAX_VALUE), (int) Math.min(limit, Integer.MAX_VALUE), 0);
    }

    /**
     * Enough nodes for the CPUs; when scaling a trace whose nodes are known, also its nodes scaled by the node
     * ratio (a job spread over a quarter of the trace's nodes gets a quarter of the partition's); never more nodes
     * than CPUs or than the partition has.
     */
    private int nodes(TraceJob j, int cpus) {
        long nodes = (cpus + target.cpusPerNode() - 1) / target.cpusPerNode();
        if (options.scaleOrDefault() && machine.nodes() != null) {
            double traceNodes = Math.ceil(j.processors() * (double) machine.nodes() / machine.processors() - 1e-9);
            nodes = Math.max(nodes, (long) Math.ceil(traceNodes * target.nodes() / machine.nodes() - 1e-9));
        }
        return (int) Math.min(nodes, Math.min(cpus, target.nodes()));
    }

    Map<Change, Long> changedBy() {
        return java.util.Collections.unmodifiableMap(new EnumMap<>(changedBy));
    }

    List<ChangeExample> examples() {
        return List.copyOf(examples);
    }

    long changedJobs() {
        return changedJobs;
    }

    double expectedCpuSeconds() {
        return expectedCpuSeconds;
    }

    double planCpuSeconds() {
        return planCpuSeconds;
    }

    private static long ceilMinutes(double seconds) {
        return Math.max(1, (long) Math.ceil(seconds / 60.0));
    }
}
