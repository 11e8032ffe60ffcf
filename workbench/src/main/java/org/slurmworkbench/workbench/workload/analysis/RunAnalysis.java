package org.slurmworkbench.workbench.workload.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.workload.run.ClusterFacts;
import org.slurmworkbench.workbench.workload.run.Run;
import org.slurmworkbench.workbench.workload.run.RunSchedulerStore;
import org.slurmworkbench.workbench.workload.run.RunStore;
import org.slurmworkbench.workbench.workload.run.SlurmJobs;
import org.springframework.stereotype.Service;

/**
 * The analysis of a run: refreshes what Slurm says of its jobs (slurmctld while it runs, accounting as well once it is
 * over, and never again once accounting has every job finished), then computes {@link RunMetrics} from the stored
 * times, and what the scheduler did during it from the run's /diag readings ({@link SchedulerActivity}). Also compares
 * two runs: the settings of the clusters they ran on that differed, then the scheduler's work and every metric.
 */
@Service
public class RunAnalysis { // public for run.WorkloadBench only

    private static final Logger log = LoggerFactory.getLogger(RunAnalysis.class);

    /** The analysis of one run; {@code fresh} is false when Slurm could not be asked and stored times were used. */
    record Analysis(String runId, String cluster, String state, boolean complete, boolean fresh, RunMetrics metrics,
                    SchedulerActivity scheduler, ClusterFacts clusterFacts) {
    }

    /** A setting of the cluster (see {@link ClusterFacts#settings()}) that differed between two runs; "" = unset. */
    record SettingDifference(String setting, String a, String b) {
    }

    /** One metric of one group (all, user:NAME, size:CLASS) in both runs; diff = b - a, null where either is. */
    record Difference(String group, String metric, Double a, Double b, Double diff) {
    }

    /**
     * Two runs side by side: the settings of the clusters they ran on that differed (before their results: what was
     * not the same), notes where a release did not offer its configuration, what the scheduler did in each and every
     * metric of their jobs.
     */
    record Comparison(Analysis a, Analysis b, List<SettingDifference> settings, List<String> settingsNotes,
                      List<Difference> scheduler, List<Difference> differences) {
    }

    /** Slurm is asked at most this often per run, however many viewers poll the analysis. */
    private static final java.time.Duration REFRESH_EVERY = java.time.Duration.ofSeconds(5);
    /** A viewer waits this long for Slurm's answer, then gets the stored times while the refresh goes on. */
    private static final java.time.Duration WAIT_FOR_SLURM = java.time.Duration.ofSeconds(10);

    private final RunStore runs;
    private final ResultStore results;
    private final SlurmJobs slurm;
    /** When each run's last refresh ended, and whether Slurm answered it. */
    private record Refreshed(Instant at, boolean answered) {
    }

    private final Map<String, Refreshed> refreshed = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CompletableFuture<Boolean>> refreshing = new java.util.concurrent.ConcurrentHashMap<>();

    private final RunSchedulerStore scheduler;

    RunAnalysis(RunStore runs, ResultStore results, SlurmJobs slurm, RunSchedulerStore scheduler) {
        this.scheduler = scheduler;
        this.runs = runs;
        this.results = results;
        this.slurm = slurm;
    }

    public Analysis analyse(Run run) {
        boolean fresh = true;
        if (run.analysedAt() == null && run.startedAt() != null) {
            fresh = refreshWithin(run, WAIT_FOR_SLURM);
        }
        Run now = runs.find(run.id()).orElse(run);
        List<RunMetrics.JobTimes> jobs = results.read(run.id());
        int cpus = now.capacityCpus() == null ? 0 : now.capacityCpus();
        int gpus = now.capacityGpus() == null ? 0 : now.capacityGpus();
        return new Analysis(run.id(), run.cluster(), now.state().name(), now.analysedAt() != null, fresh,
                RunMetrics.of(jobs, now.startedAt(), cpus, gpus, Instant.now()),
                SchedulerActivity.of(scheduler.readings(run.id())), scheduler.cluster(run.id()).orElse(null));
    }

    /**
     * Starts a refresh unless one runs or one ended less than {@link #REFRESH_EVERY} ago (one at a time per run, in
     * the background), and waits for it at most {@code wait}; answers whether the stored times are now fresh.
     */
    private boolean refreshWithin(Run run, java.time.Duration wait) {
        Refreshed last = refreshed.get(run.id());
        java.util.concurrent.CompletableFuture<Boolean> job = refreshing.get(run.id());
        if (job == null && (last == null || last.at().plus(REFRESH_EVERY).isBefore(Instant.now()))) {
            job = refreshing.computeIfAbsent(run.id(), id -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                boolean answered = false;
                try {
                    refresh(run);
                    answered = true;
                } catch (SlurmException e) {
                    log.info("Run {}: Slurm not asked for the analysis ({}); using stored times", run.id(), e.getMessage());
                } finally {
                    refreshed.put(run.id(), new Refreshed(Instant.now(), answered));
                    refreshing.remove(run.id());
                }
                return answered;
            }, runnable -> Thread.ofVirtual().name("analysis-" + run.id()).start(runnable)));
        }
        if (job == null) {
            // a refresh ended moments ago: its outcome holds
            return last == null || last.answered();
        }
        try {
            return job.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("Run {}: analysis refresh failed: {}", run.id(), e.getCause().toString());
            return false;
        }
    }

    /** Asks Slurm; marks the run analysed once it is over and every job it submitted is finished in accounting. */
    private void refresh(Run run) {
        boolean over = run.state().isFinal();
        long t0 = System.nanoTime();
        List<SlurmJobs.Result> found = slurm.of(run, over);
        results.save(run.id(), found);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ms > 2000) {
            log.info("Run {}: {} Slurm jobs read ({}) in {} ms", run.id(), found.size(), over ? "with accounting" : "live", ms);
        }
        if (over) {
            long expected = runs.expectedSlurmJobs(run.id());
            long finished = found.stream().filter(SlurmJobs.Result::finished).count();
            if (finished >= expected) {
                runs.analysed(run.id(), Instant.now());
                log.info("Run {}: all {} Slurm jobs finished; analysis complete", run.id(), expected);
            }
        }
    }

    /** @throws org.springframework.web.ErrorResponseException 400 naming {@code b} when it is run {@code a} itself */
    Comparison compare(Run a, Run b) {
        if (a.id().equals(b.id())) {
            throw org.slurmworkbench.workbench.web.FieldProblems.invalid("b", "is run a itself (" + a.id()
                    + "): choose two different runs to compare");
        }
        Analysis x = analyse(a);
        Analysis y = analyse(b);
        List<Difference> diffs = new ArrayList<>();
        differences("all", x.metrics().all(), y.metrics().all(), x.metrics().utilization(), y.metrics().utilization(), diffs);
        for (String user : union(x.metrics().byUser(), y.metrics().byUser())) {
            differences("user:" + user, x.metrics().byUser().get(user), y.metrics().byUser().get(user), null, null, diffs);
        }
        for (String size : union(x.metrics().bySize(), y.metrics().bySize())) {
            differences("size:" + size, x.metrics().bySize().get(size), y.metrics().bySize().get(size), null, null, diffs);
        }
        List<Difference> sched = new ArrayList<>();
        if (x.scheduler() != null || y.scheduler() != null) {
            Map<String, Double> none = new LinkedHashMap<>();
            (x.scheduler() != null ? x.scheduler() : y.scheduler()).values().keySet().forEach(k -> none.put(k, null));
            differences("scheduler", x.scheduler() == null ? none : x.scheduler().values(),
                    y.scheduler() == null ? none : y.scheduler().values(), sched);
        }
        return new Comparison(x, y, settingDifferences(x, y), settingsNotes(x, y), sched, diffs);
    }

    /** Every setting whose value differs (or that only one run's cluster has), in the order of the facts. */
    static List<SettingDifference> settingDifferences(Analysis x, Analysis y) {
        if (x.clusterFacts() == null || y.clusterFacts() == null) {
            return List.of();
        }
        Map<String, String> a = x.clusterFacts().settings();
        Map<String, String> b = y.clusterFacts().settings();
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<SettingDifference> out = new ArrayList<>();
        for (String k : keys) {
            String p = a.get(k);
            String q = b.get(k);
            if (!java.util.Objects.equals(p, q)) {
                out.add(new SettingDifference(k, p, q));
            }
        }
        return out;
    }

    /** What the comparison of settings could not look at, plainly: no facts recorded, or no configuration offered. */
    static List<String> settingsNotes(Analysis x, Analysis y) {
        List<String> notes = new ArrayList<>();
        for (Analysis r : List.of(x, y)) {
            if (r.clusterFacts() == null) {
                notes.add("Run " + r.runId() + ": the cluster it ran on was not recorded (a run started before runs"
                        + " recorded it, or Slurm did not answer at its start)");
            } else if (r.clusterFacts().configNotOffered() != null) {
                notes.add("Run " + r.runId() + ": " + r.clusterFacts().configNotOffered()
                        + "; its scheduler settings cannot be compared");
            }
        }
        return notes;
    }

    /** Every metric of a summary, by name, in the order the page and CSV show them. */
    static Map<String, Double> values(RunMetrics.Summary s, RunMetrics.Utilization u) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("jobs", s == null ? null : (double) s.jobs());
        m.put("finished", s == null ? null : (double) s.finished());
        stat(m, "wait", s == null ? null : s.waitSeconds());
        stat(m, "bsld", s == null ? null : s.boundedSlowdown());
        m.put("throughputPerHour", s == null ? null : s.throughputPerHour());
        m.put("makespanSeconds", s == null ? null : s.makespanSeconds());
        m.put("cpuHours", s == null ? null : s.cpuHours());
        if (u != null) {
            m.put("meanCpuUtilization", u.meanCpuPercent());
            m.put("meanGpuUtilization", u.meanGpuPercent());
        }
        return m;
    }

    private static void stat(Map<String, Double> m, String name, RunMetrics.Stat s) {
        m.put(name + "Mean", s == null ? null : s.mean());
        m.put(name + "P50", s == null ? null : s.p50());
        m.put(name + "P95", s == null ? null : s.p95());
        m.put(name + "Max", s == null ? null : s.max());
    }

    private static void differences(String group, RunMetrics.Summary a, RunMetrics.Summary b, RunMetrics.Utilization ua,
                                    RunMetrics.Utilization ub, List<Difference> out) {
        differences(group, values(a, ua), values(b, ub), out);
    }

    /** One difference per metric of {@code va} (b - a, rounded to 0.001; null where either is null). */
    private static void differences(String group, Map<String, Double> va, Map<String, Double> vb, List<Difference> out) {
        va.forEach((metric, x) -> {
            Double y = vb.get(metric);
            out.add(new Difference(group, metric, x, y, x == null || y == null ? null : Math.round((y - x) * 1000) / 1000.0));
        });
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return new ArrayList<>(keys);
    }
}
