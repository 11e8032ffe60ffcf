package org.slurmworkbench.workbench.workload.run;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;

/**
 * The bounded pool of submitters of one run: a reader takes entries from the run's stream (XREADGROUP, as many as
 * the submitters have room for), claims their jobs in the database in one statement, records accepted jobs and
 * acknowledges handled entries in batches; {@code concurrency} submitters each take one claimed job at a time and
 * submit it through {@link JobSubmitter} under a shared rate limit. So a job costs its POST and a share of a few
 * batched statements, not two commits of its own. A reader that finds nothing new takes over entries abandoned by
 * consumers of a dead process (XAUTOCLAIM). Paused runs keep their threads idle.
 */
class RunWorkers {

    private static final Logger log = LoggerFactory.getLogger(RunWorkers.class);
    private static final Duration IDLE_SLEEP = Duration.ofMillis(100);
    private static final Duration AUTOCLAIM_EVERY = Duration.ofSeconds(5);
    private static final int REMEMBERED = 10_000;
    /** A claim older than this is renewed before its job is sent (it waited, e.g. for the rate limit or a pause). */
    private static final Duration FRESH_CLAIM = Duration.ofSeconds(5);

    private final RunQueue queue;
    private final JobSubmitter submitter;
    private final WorkloadProperties settings;
    private final String instance;
    private final RateLimiter limiter;
    private final List<Thread> submitters = new ArrayList<>();
    /** Ends last: it waits for the submitters when stopped, then records what they did. */
    private Thread reader;
    private final AtomicInteger busy = new AtomicInteger();
    /** Jobs the engine has just queued, as it read them: their submitter need not read them again. */
    private final Map<Integer, PlannedJob> queued = new ConcurrentHashMap<>();
    /** What idle consumers wait on: the engine wakes them when it queues work, instead of their next poll. */
    private final Object work = new Object();
    /** Claimed jobs the reader took from the stream for the submitters: at most two each waiting. */
    private final BlockingQueue<Claimed> delivered;
    /** The reader reads again once this much room is free (or nothing waits): claims go in batches, not one by one. */
    private final int refill;
    /** Entries handled, to acknowledge in the reader's next XACK. */
    private final Queue<String> acks = new ConcurrentLinkedQueue<>();
    /** Jobs Slurm accepted, to record in the reader's next write. */
    private final Queue<RunStore.Submitted> accepted = new ConcurrentLinkedQueue<>();
    private final RunStore store;
    private final AtomicInteger claims = new AtomicInteger();
    private volatile Run run;
    private volatile boolean stopped;

    /** A job whose claim {@code owner} won at {@code at}, with the stream entry that brought it. */
    private record Claimed(RunQueue.Entry entry, PlannedJob job, String owner, Instant at) {
    }

    RunWorkers(Run run, RunQueue queue, RunStore store, JobSubmitter submitter, WorkloadProperties settings,
               String instance) {
        this.run = run;
        this.queue = queue;
        this.store = store;
        this.submitter = submitter;
        this.settings = settings;
        this.instance = instance;
        this.delivered = new ArrayBlockingQueue<>(Math.max(1, 2 * run.concurrency()));
        this.refill = Math.max(1, run.concurrency());
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
            submitters.add(Thread.ofPlatform().daemon().name("workload-" + run.id() + "-" + i).start(() -> consume(consumer)));
        }
        reader = Thread.ofPlatform().daemon().name("workload-" + run.id() + "-reader").start(this::read);
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

    /**
     * Waits until every consumer has finished the job in its hands and what they did is recorded: the reader, which
     * ends after the submitters, has ended.
     */
    boolean awaitIdle(Duration timeout) {
        try {
            return reader.join(timeout.plusMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int busy() {
        return busy.get();
    }

    /**
     * Reads the stream for all submitters of this process, as many entries at a time as they have room for, claims
     * their jobs, and records and acknowledges what they did, many at a time: a few round trips per batch instead of
     * several per job on the connections the app shares. Entries it holds stay pending under its consumer name, so
     * after a crash another process takes them over (XAUTOCLAIM); a job is still submitted once, by its claim. When
     * stopped it waits for the submitters, records what they did and gives up the claims nobody sent.
     */
    private void read() {
        String consumer = instance + "-reader";
        Instant nextAutoclaim = Instant.now();
        while (!stopped) {
            try {
                flush();
                int room = delivered.remainingCapacity();
                if (run.state() != RunState.RUNNING || room == 0 || (room < refill && !delivered.isEmpty())) {
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
                delivered.addAll(claim(entries)); // only this thread adds, and there was room
            } catch (RuntimeException e) {
                // Redis or the database away: the engine notices a lost stream; the reader just tries again
                log.debug("Run {} reader: {}", run.id(), e.toString());
                sleep(Duration.ofSeconds(1));
            }
        }
        for (Thread t : submitters) {
            try {
                t.join(Duration.ofSeconds(40)); // longer than a POST may take
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Claimed> unsent = new ArrayList<>();
        delivered.drainTo(unsent);
        try {
            flush();
            unsent.stream().collect(Collectors.groupingBy(Claimed::owner, Collectors.mapping(c -> c.job().seq(),
                    Collectors.toList()))).forEach((owner, seqs) -> store.release(run.id(), seqs, owner));
        } catch (RuntimeException e) {
            // the database away: unrecorded jobs and unsent claims are settled as in doubt, by asking Slurm
            log.debug("Run {}: cannot record or release at stop: {}", run.id(), e.toString());
        }
    }

    /**
     * Claims the entries' jobs in one statement under a name of this batch alone; entries whose job someone else holds
     * (or that repeat a sequence number) are only acknowledged. Jobs not handed over by the engine are read in one go.
     */
    private List<Claimed> claim(List<RunQueue.Entry> entries) {
        Map<Integer, RunQueue.Entry> bySeq = new LinkedHashMap<>();
        for (RunQueue.Entry e : entries) {
            if (bySeq.putIfAbsent(e.seq(), e) != null) {
                acks.add(e.id());
            }
        }
        String owner = instance + "-r" + claims.incrementAndGet();
        Instant at = Instant.now();
        Set<Integer> won = store.claim(run.id(), bySeq.keySet(), owner, at);
        Map<Integer, PlannedJob> jobs = new HashMap<>();
        for (int seq : bySeq.keySet()) {
            PlannedJob j = queued.remove(seq);
            if (j != null) {
                jobs.put(seq, j);
            }
        }
        List<Integer> unknown = won.stream().filter(seq -> !jobs.containsKey(seq)).toList();
        store.jobs(run.id(), unknown).forEach(j -> jobs.put(j.seq(), j));
        List<Claimed> claimed = new ArrayList<>();
        for (RunQueue.Entry e : bySeq.values()) {
            PlannedJob job = jobs.get(e.seq());
            if (won.contains(e.seq()) && job != null) {
                claimed.add(new Claimed(e, job, owner, at));
            } else {
                acks.add(e.id());
            }
        }
        return claimed;
    }

    private void consume(String consumer) {
        while (!stopped) {
            try {
                if (run.state() != RunState.RUNNING) {
                    idle(IDLE_SLEEP.multipliedBy(2));
                    continue;
                }
                Claimed entry = delivered.poll(IDLE_SLEEP.toMillis(), TimeUnit.MILLISECONDS);
                if (entry == null) {
                    continue;
                }
                if (delivered.remainingCapacity() >= refill) {
                    wake(); // room enough for the reader's next batch
                }
                handle(entry);
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

    /** Records accepted jobs, then acknowledges handled entries (an entry acknowledged before its job is recorded would
     * leave only the claim to find it by, after a crash). */
    private void flush() {
        List<RunStore.Submitted> done = new ArrayList<>();
        for (RunStore.Submitted s = accepted.poll(); s != null; s = accepted.poll()) {
            done.add(s);
        }
        if (!done.isEmpty()) {
            try {
                store.submitted(run.id(), done);
            } catch (RuntimeException e) {
                accepted.addAll(done); // the database away: kept for the next try; their claims keep them safe
                throw e;
            }
        }
        flushAcks();
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

    private void handle(Claimed claimed) {
        if (limiter != null) {
            while (!stopped && !limiter.acquirePermission()) {
                Thread.onSpinWait();
            }
        }
        // a claim that waited could have been settled as in doubt meanwhile and the job queued again: renewed first,
        // it is still this process's, or the job is left to whoever holds it now
        Instant now = Instant.now();
        if (Duration.between(claimed.at(), now).compareTo(FRESH_CLAIM) > 0
                && !store.refreshClaim(run.id(), claimed.job().seq(), claimed.owner(), now)) {
            acks.add(claimed.entry().id());
            return;
        }
        busy.incrementAndGet();
        try {
            submitter.submit(run, claimed.job(), accepted::add);
        } finally {
            busy.decrementAndGet();
        }
        acks.add(claimed.entry().id());
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
