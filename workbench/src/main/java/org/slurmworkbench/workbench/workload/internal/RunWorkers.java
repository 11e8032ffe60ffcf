package org.slurmworkbench.workbench.workload.internal;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool of submitters of one run: a reader takes entries from the run's stream (XREADGROUP, as many as
 * the submitters have room for) and acknowledges handled ones in batches; {@code concurrency} submitters each take
 * one entry at a time and submit it through {@link JobSubmitter} under a shared rate limit. A reader that finds
 * nothing new takes over entries abandoned by consumers of a dead process (XAUTOCLAIM). Paused runs keep their
 * threads idle.
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
    /** Entries the reader took from the stream for the submitters: at most one each waiting. */
    private final BlockingQueue<RunQueue.Entry> delivered;
    /** Entries handled, to acknowledge in the reader's next XACK. */
    private final Queue<String> acks = new ConcurrentLinkedQueue<>();
    private volatile Run run;
    private volatile boolean stopped;

    RunWorkers(Run run, RunQueue queue, JobSubmitter submitter, WorkloadProperties settings, String instance) {
        this.run = run;
        this.queue = queue;
        this.submitter = submitter;
        this.settings = settings;
        this.instance = instance;
        this.delivered = new ArrayBlockingQueue<>(Math.max(1, run.concurrency()));
        this.limiter = run.rateLimit() <= 0 ? null : RateLimiter.of("workload-" + run.id(), RateLimiterConfig.custom()
                .limitForPeriod(run.rateLimit()).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofSeconds(5)).build());
    }

    void start() {
        threads.add(Thread.ofPlatform().daemon().name("workload-" + run.id() + "-reader").start(this::read));
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

    /**
     * Reads the stream for all submitters of this process, as many entries at a time as they have room for, and
     * acknowledges what they did, many at a time: two Redis round trips per job on the one connection the app
     * shares would otherwise queue behind each other. Entries it holds stay pending under its consumer name, so after
     * a crash another process takes them over (XAUTOCLAIM); a job is still submitted once, by its claim.
     */
    private void read() {
        String consumer = instance + "-reader";
        Instant nextAutoclaim = Instant.now();
        while (!stopped) {
            try {
                flushAcks();
                int room = delivered.remainingCapacity();
                if (run.state() != RunState.RUNNING || room == 0) {
                    idle(IDLE_SLEEP);
                    continue;
                }
                List<RunQueue.Entry> entries = queue.next(run.id(), consumer, room);
                if (entries.isEmpty() && Instant.now().isAfter(nextAutoclaim)) {
                    nextAutoclaim = Instant.now().plus(AUTOCLAIM_EVERY);
                    entries = queue.claimAbandoned(run.id(), consumer, settings.minIdle(), room);
                }
                if (entries.isEmpty()) {
                    idle(IDLE_SLEEP);
                    continue;
                }
                delivered.addAll(entries); // only this thread adds, and there was room
            } catch (RuntimeException e) {
                // Redis or the database away: the engine notices a lost stream; the reader just tries again
                log.debug("Run {} reader: {}", run.id(), e.toString());
                sleep(Duration.ofSeconds(1));
            }
        }
        flushAcks();
    }

    private void consume(String consumer) {
        while (!stopped) {
            try {
                if (run.state() != RunState.RUNNING) {
                    idle(IDLE_SLEEP.multipliedBy(2));
                    continue;
                }
                RunQueue.Entry entry = delivered.poll(IDLE_SLEEP.toMillis(), TimeUnit.MILLISECONDS);
                if (entry == null) {
                    continue;
                }
                wake(); // room for the reader
                handle(entry, consumer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database away: this consumer just tries again
                log.debug("Run {} consumer {}: {}", run.id(), consumer, e.toString());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void flushAcks() {
        List<String> ids = new ArrayList<>();
        for (String id = acks.poll(); id != null; id = acks.poll()) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            queue.ack(run.id(), ids);
        } catch (RuntimeException e) {
            // the stream is gone (Redis restarted): the database already holds the outcomes
            log.debug("Run {}: cannot acknowledge {} entries: {}", run.id(), ids.size(), e.toString());
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
        acks.add(entry.id());
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
