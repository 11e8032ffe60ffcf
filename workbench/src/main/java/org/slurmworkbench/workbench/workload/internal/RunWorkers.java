package org.slurmworkbench.workbench.workload.internal;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool of submitters of one run: {@code concurrency} consumers of the run's stream, each reading with
 * XREADGROUP, submitting through {@link JobSubmitter} under a shared rate limit, then acknowledging. A consumer that
 * finds nothing new takes over entries abandoned by consumers of a dead process (XAUTOCLAIM). Paused runs keep their
 * consumers idle.
 */
class RunWorkers {

    private static final Logger log = LoggerFactory.getLogger(RunWorkers.class);
    private static final Duration IDLE_SLEEP = Duration.ofMillis(100);
    private static final Duration AUTOCLAIM_EVERY = Duration.ofSeconds(5);
    private static final int REMEMBERED = 10_000;

    private final RunQueue queue;
    private final JobSubmitter submitter;
    private final WorkloadProperties settings;
    private final String instance;
    private final RateLimiter limiter;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    /** Jobs the engine has just queued, as it read them: their submitter need not read them again. */
    private final Map<Integer, PlannedJob> queued = new ConcurrentHashMap<>();
    /** What idle consumers wait on: the engine wakes them when it queues work, instead of their next poll. */
    private final Object work = new Object();
    private volatile Run run;
    private volatile boolean stopped;

    RunWorkers(Run run, RunQueue queue, JobSubmitter submitter, WorkloadProperties settings, String instance) {
        this.run = run;
        this.queue = queue;
        this.submitter = submitter;
        this.settings = settings;
        this.instance = instance;
        this.limiter = run.rateLimit() <= 0 ? null : RateLimiter.of("workload-" + run.id(), RateLimiterConfig.custom()
                .limitForPeriod(run.rateLimit()).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofSeconds(5)).build());
    }

    void start() {
        for (int i = 0; i < run.concurrency(); i++) {
            String consumer = instance + "-" + i;
            // platform threads, as many as the run's concurrency: each blocks on one submission at a time, and on a
            // busy host they get their share of the CPUs as threads of their own, where virtual threads would all
            // wait for the JVM's few carrier threads (shared with every request the app serves)
            threads.add(Thread.ofPlatform().daemon().name("workload-" + run.id() + "-" + i).start(() -> consume(consumer)));
        }
    }

    /** The run as last read from the database: its state decides whether consumers take work. */
    void update(Run latest) {
        run = latest;
    }

    void stop() {
        stopped = true;
        wake();
    }

    /**
     * Remembers jobs about to be queued (at most {@value #REMEMBERED} at a time; the rest are read from the database
     * when their turn comes), so that a submission costs no read of its job.
     */
    void expect(List<PlannedJob> jobs) {
        for (PlannedJob j : jobs) {
            if (queued.size() >= REMEMBERED) {
                return;
            }
            queued.put(j.seq(), j);
        }
    }

    /** Wakes consumers waiting for work (new entries in the stream, or the run's state changed). */
    void wake() {
        synchronized (work) {
            work.notifyAll();
        }
    }

    /** Waits until every consumer has finished the job in its hands. */
    boolean awaitIdle(Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        for (Thread t : threads) {
            try {
                if (!t.join(Duration.between(Instant.now(), until).plusMillis(1))) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    int busy() {
        return busy.get();
    }

    private void consume(String consumer) {
        Instant nextAutoclaim = Instant.now();
        while (!stopped) {
            try {
                if (run.state() != RunState.RUNNING) {
                    idle(IDLE_SLEEP.multipliedBy(2));
                    continue;
                }
                RunQueue.Entry entry = queue.next(run.id(), consumer);
                if (entry == null && Instant.now().isAfter(nextAutoclaim)) {
                    nextAutoclaim = Instant.now().plus(AUTOCLAIM_EVERY);
                    List<RunQueue.Entry> abandoned = queue.claimAbandoned(run.id(), consumer, settings.minIdle(), 1);
                    entry = abandoned.isEmpty() ? null : abandoned.getFirst();
                }
                if (entry == null) {
                    idle(IDLE_SLEEP);
                    continue;
                }
                handle(entry, consumer);
            } catch (RuntimeException e) {
                // Redis or the database away: the engine notices a lost stream; this consumer just tries again
                log.debug("Run {} consumer {}: {}", run.id(), consumer, e.toString());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void handle(RunQueue.Entry entry, String consumer) {
        if (limiter != null) {
            while (!stopped && !limiter.acquirePermission()) {
                Thread.onSpinWait();
            }
        }
        busy.incrementAndGet();
        try {
            submitter.submit(run, entry.seq(), consumer, queued.remove(entry.seq()));
        } finally {
            busy.decrementAndGet();
        }
        try {
            queue.ack(run.id(), entry.id());
        } catch (RuntimeException e) {
            // the stream is gone (Redis restarted): the database already holds the outcome
            log.debug("Run {}: cannot acknowledge {}: {}", run.id(), entry.id(), e.toString());
        }
    }

    /** Waits at most {@code d} for {@link #wake()}. */
    private void idle(Duration d) {
        synchronized (work) {
            if (stopped) {
                return;
            }
            try {
                work.wait(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
