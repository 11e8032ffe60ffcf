package org.slurmworkbench.workbench.workload.run;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Drives every active run of the database, one tick at a time: takes up runs (after reconciling them with Slurm),
 * feeds due jobs into their streams, notices a lost stream (Redis restarted) and refills it, settles claims left in
 * doubt, and finishes runs that are done or cancelled. Runs one process-wide loop; each run has its own submitters.
 * Assumes one workbench process per database: a second one would take up the same runs.
 */
@Component
class RunEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunEngine.class);
    private static final Set<RunState> ACTIVE = EnumSet.of(RunState.RUNNING, RunState.PAUSED, RunState.CANCELLING);
    private static final int DISPATCH_BATCH = 200;

    /** This process's name in claims and consumer names (instances sharing a run tell their claims apart by it). */
    final String instance = "p" + UUID.randomUUID().toString().substring(0, 8);

    private final RunStore store;
    private final RunQueue queue;
    private final SlurmJobs slurm;
    private final JobSubmitter submitter;
    private final Clusters clusters;
    private final WorkloadProperties settings;
    private final RunSampler sampler;
    private final Map<String, RunWorkers> active = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean ready;
    private volatile Thread loop;
    /** Guards starting and stopping the loop; not {@code this}, on which the loop waits between ticks. */
    private final Object lifecycle = new Object();

    RunEngine(RunStore store, RunQueue queue, SlurmJobs slurm, JobSubmitter submitter, Clusters clusters,
              WorkloadProperties settings, RunSampler sampler) {
        this.sampler = sampler;
        this.store = store;
        this.queue = queue;
        this.slurm = slurm;
        this.submitter = submitter;
        this.clusters = clusters;
        this.settings = settings;
    }

    /** Starts only once the application is ready, so a reconcile never races the start-up. */
    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        ready = true;
        startLoop();
    }

    /**
     * A context stopped and started again (Spring pauses idle contexts, e.g. cached test contexts) starts a new loop:
     * the ready event comes only once, and the stop ended the old loop.
     */
    @Override
    public void start() {
        synchronized (lifecycle) {
            running = true;
            if (ready) {
                startLoop();
            }
        }
    }

    private void startLoop() {
        synchronized (lifecycle) {
            if (loop == null || !loop.isAlive()) {
                loop = Thread.ofVirtual().name("workload-engine").start(this::loop);
            }
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            running = false;
            Thread t = loop;
            if (t != null) {
                // Woken, not interrupted: an interrupt in the middle of a Redis pipeline or a JDBC read breaks the
                // connection that the whole application shares. The loop ends after its current tick.
                nudge();
                try {
                    // so that a start right after this one never finds the old loop still alive, about to end
                    t.join(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // after the loop ended, so that no tick adds workers behind this; a start reconciles them anew
            active.values().forEach(RunWorkers::stop);
            active.clear();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Wakes the loop at once (after a start, pause or cancel), instead of at the next tick. */
    void nudge() {
        Thread t = loop;
        if (t != null) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Whether the loop runs now (it does from the ready event until a stop, and again after a start). */
    boolean looping() {
        Thread t = loop;
        return t != null && t.isAlive();
    }

    /** Live progress of an active run's submitters, or null when this process does not drive it. */
    RunWorkers workers(String runId) {
        return active.get(runId);
    }

    private void loop() {
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) {
                log.warn("Workload engine tick failed: {}", e.toString());
            }
            try {
                synchronized (this) {
                    if (running) {
                        wait(settings.tick().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void tick() {
        List<Run> runs = store.inStates(ACTIVE);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (Run run : runs) {
            ids.add(run.id());
            try {
                step(run);
            } catch (RuntimeException e) {
                log.warn("Run {}: {}{}", run.id(), e.toString(), e.getCause() == null ? "" : " (" + e.getCause() + ")");
            }
        }
        try {
            sampler.tick(runs);
        } catch (RuntimeException e) {
            log.warn("Scheduler readings of runs failed: {}", e.toString());
        }
        // runs deleted or finished elsewhere
        active.keySet().stream().filter(id -> !ids.contains(id)).toList().forEach(id -> active.remove(id).stop());
    }

    private void step(Run run) {
        RunWorkers workers = active.get(run.id());
        if (workers == null) {
            reconcile(run);
            workers = new RunWorkers(run, queue, store, submitter, settings, instance);
            active.put(run.id(), workers);
            workers.start();
        } else if (queue.ensure(run.id())) {
            log.warn("Run {}: its stream was lost (Redis restarted?); reconciling with Slurm and queueing again", run.id());
            reconcile(run);
        }
        workers.update(run);
        workers.wake();
        settleInDoubt(run);
        switch (run.state()) {
            case RUNNING -> {
                dispatch(run, workers);
                finishIfDone(run, workers);
            }
            case CANCELLING -> cancel(run, workers);
            default -> { }
        }
    }

    /**
     * Brings the database in line with Slurm before jobs are queued again: every job Slurm holds under the run's
     * names is SUBMITTED; unclaimed QUEUED jobs go into the (possibly new) stream again. A duplicate entry is harmless:
     * only one delivery wins the claim. Claims are left alone here: another live instance may be sending them right
     * now; those of a dead process are settled once they are older than the claim timeout ({@link #settleInDoubt}).
     */
    private void reconcile(Run run) {
        queue.ensure(run.id());
        // a run none of whose jobs was ever queued or claimed (one just started) has nothing in Slurm: asking Slurm
        // (its job list and accounting) would only delay the first submissions
        List<Integer> notSubmitted = store.anyTaken(run.id()) ? store.notSubmitted(run.id()) : List.of();
        int found = notSubmitted.size() - settle(run, notSubmitted).size();
        List<Integer> requeue = store.queuedUnclaimed(run.id());
        queue.add(run.id(), requeue);
        log.info("Run {} reconciled with Slurm: {} found submitted, {} queued again", run.id(), found, requeue.size());
    }

    /** Claims silent for longer than the claim timeout: submitted if Slurm holds them, else queued again. */
    private void settleInDoubt(Run run) {
        List<Integer> doubtful = store.inDoubt(run.id(), Instant.now().minus(settings.claimTimeout()));
        List<Integer> requeue = settle(run, doubtful);
        requeue.forEach(seq -> store.unclaim(run.id(), seq));
        queue.add(run.id(), requeue);
        if (!doubtful.isEmpty()) {
            log.info("Run {}: {} claims in doubt settled, {} queued again", run.id(), doubtful.size(), requeue.size());
        }
    }

    /** Marks the jobs Slurm holds SUBMITTED (with its job id); answers the sequence numbers Slurm does not hold. */
    private List<Integer> settle(Run run, List<Integer> seqs) {
        if (seqs.isEmpty()) {
            return List.of();
        }
        Map<Integer, Long> inSlurm = slurm.submissions(run);
        List<Integer> missing = new java.util.ArrayList<>();
        for (int seq : seqs) {
            Long id = inSlurm.get(seq);
            if (id != null) {
                store.submitted(run.id(), seq, id, Instant.now());
            } else {
                missing.add(seq);
            }
        }
        return missing;
    }

    /**
     * Queues every PLANNED job whose arrival offset (shifted by the time spent paused) has come, hands the jobs read to
     * the submitters (so they need not read them again) and wakes them.
     */
    private void dispatch(Run run, RunWorkers workers) {
        long offset = Duration.between(run.startedAt(), Instant.now()).toMillis() - run.pausedMillis();
        List<PlannedJob> due;
        do {
            due = store.due(run.id(), offset, DISPATCH_BATCH);
            List<Integer> seqs = due.stream().map(PlannedJob::seq).toList();
            if (!seqs.isEmpty()) {
                workers.expect(due);
                queue.add(run.id(), seqs);
                workers.wake();
                store.markQueued(run.id(), seqs);
            }
        } while (due.size() == DISPATCH_BATCH);
    }

    private void finishIfDone(Run run, RunWorkers workers) {
        Map<JobState, Long> counts = store.countByState(run.id());
        if (counts.get(JobState.PLANNED) == 0 && counts.get(JobState.QUEUED) == 0) {
            workers.stop();
            active.remove(run.id());
            store.finish(run.id(), RunState.DONE, Instant.now());
            queue.delete(run.id());
            log.info("Run {} done: {}", run.id(), counts);
        }
    }

    /** Stops the submitters, cancels what is left and, on request, what Slurm already holds. */
    private void cancel(Run run, RunWorkers workers) {
        workers.stop();
        if (!workers.awaitIdle(Duration.ofSeconds(30))) {
            return;
        }
        int dropped = store.cancelRemaining(run.id());
        // claims this process left in doubt: settled now, since a finished run is no longer looked at
        settle(run, store.inDoubt(run.id(), Instant.now().plusSeconds(1))).forEach(seq -> store.cancel(run.id(), seq));
        int cancelled = 0;
        if (run.scancelOnCancel()) {
            for (Map.Entry<String, Long> job : store.submittedJobs(run.id())) {
                try {
                    clusters.as(run.cluster(), job.getKey()).cancel(job.getValue());
                    cancelled++;
                } catch (RuntimeException e) {
                    log.debug("Run {}: scancel {} failed: {}", run.id(), job.getValue(), e.toString());
                }
            }
        }
        active.remove(run.id());
        store.finish(run.id(), RunState.CANCELLED, Instant.now());
        queue.delete(run.id());
        log.info("Run {} cancelled: {} jobs dropped, {} Slurm jobs cancelled", run.id(), dropped, cancelled);
    }

    @Override
    public int getPhase() {
        // stops before the web server and the connection pools
        return Integer.MAX_VALUE - 1000;
    }
}
