package org.slurmworkbench.workbench.notify.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.workbench.accounting.FinishedJob;
import org.slurmworkbench.workbench.accounting.JobEfficiency;

/**
 * How a job, or every task of an array, ended: what a message says of it. For an array the states are counted, the
 * exit code is the highest, elapsed the longest task's, CPU efficiency that of all tasks together (CPU time used /
 * (elapsed x CPUs), summed over tasks) and memory efficiency the highest task's. Efficiencies are null when unknown.
 */
record JobOutcome(String cluster, long jobId, String name, int tasks, Map<String, Integer> states, Integer exitCode,
                  long elapsedSeconds, Integer timeLimitMinutes, Double cpuEfficiency, Double memoryEfficiency) {

    /** One ended job record: from the live list (no efficiency) or from accounting. */
    record Task(long jobId, String name, String state, Integer exitCode, long elapsedSeconds, Integer timeLimitMinutes,
                JobEfficiency efficiency) {

        static Task of(Job j) {
            long elapsed = j.startTime() == null || j.endTime() == null ? 0
                    : Math.max(0, Duration.between(j.startTime(), j.endTime()).toSeconds());
            return new Task(j.jobId(), j.name(), j.state(), j.exitCode(), elapsed, j.timeLimitMinutes(), null);
        }

        Task withExitCode(Integer code) {
            return new Task(jobId, name, state, code, elapsedSeconds, timeLimitMinutes, efficiency);
        }

        static Task of(FinishedJob f) {
            JobEfficiency e = f.efficiency();
            return new Task(f.jobId(), f.name(), f.state(), f.exitCode(), f.elapsedSeconds(), f.timeLimitMinutes(),
                    e.known() ? e : null);
        }
    }

    static JobOutcome of(String cluster, long jobId, List<Task> tasks) {
        Map<String, Integer> states = new TreeMap<>();
        Integer exit = null;
        long elapsed = 0;
        Integer limit = null;
        long cpuUsedMillis = 0;
        double cpuSeconds = 0;
        Double memory = null;
        boolean cpuKnown = true;
        for (Task t : tasks) {
            states.merge(t.state(), 1, Integer::sum);
            exit = max(exit, t.exitCode());
            elapsed = Math.max(elapsed, t.elapsedSeconds());
            limit = max(limit, t.timeLimitMinutes());
            JobEfficiency e = t.efficiency();
            if (e == null || e.cpu() == null) {
                cpuKnown = false;
            } else {
                cpuUsedMillis += e.cpuUsedMillis();
                cpuSeconds += e.elapsedSeconds() * (double) e.cpus();
            }
            if (e != null && e.memory() != null) {
                memory = memory == null ? e.memory() : Math.max(memory, e.memory());
            }
        }
        Double cpu = cpuKnown && cpuSeconds > 0 ? cpuUsedMillis / 1000.0 / cpuSeconds : null;
        String name = tasks.stream().filter(t -> t.jobId() == jobId).map(Task::name).findFirst()
                .orElse(tasks.isEmpty() ? "" : tasks.getFirst().name());
        return new JobOutcome(cluster, jobId, name, tasks.size(), states, exit, elapsed, limit, cpu, memory);
    }

    /** The larger of two, either null (a conditional expression would unbox a null). */
    private static Integer max(Integer a, Integer b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Integer.valueOf(Math.max(a, b));
    }

    /** Anything but COMPLETED: failed, timed out, cancelled, out of memory, node failure... */
    boolean failed() {
        return states.keySet().stream().anyMatch(s -> !"COMPLETED".equals(s));
    }

    /** The one state of all tasks, or null when they differ. */
    String state() {
        return states.size() == 1 ? states.keySet().iterator().next() : null;
    }

    Double timeLimitShare() {
        return timeLimitMinutes == null || timeLimitMinutes <= 0 ? null : elapsedSeconds / (timeLimitMinutes * 60.0);
    }
}
