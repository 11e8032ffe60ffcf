package org.slurmworkbench.workbench.accounting.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.ConcurrencyFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.AccountingQuery;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.lease.Leases;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Pulls {@code /slurmdb/.../jobs} by time window into {@link JobStore}, as each cluster's service user (an
 * admin, so it sees every job), in windows sized by how many jobs they hold ({@link SyncWindows}), each stored and
 * its end recorded before the next is asked for. Windows overlap the previous sync; the upsert makes re-reading
 * harmless. One incremental sync per cluster at a time in this JVM, on a thread of its own ({@link #requestSync}): a
 * request while one runs is served by the next run, which starts when it ends; with several instances only the holder
 * of the {@code accounting-sync} lease runs the scheduled sync (another takes over when it dies and the lease expires).
 */
@Service
class AccountingSync {

    private static final Logger log = LoggerFactory.getLogger(AccountingSync.class);

    private final Clusters clusters;
    private final JobStore store;
    private final SyncCursorStore cursors;
    private final SyncProperties properties;
    private final Leases leases;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final SyncWindows windows;
    private final Map<String, Runs> runs = new ConcurrentHashMap<>();

    static final String LEASE = "accounting-sync";

    AccountingSync(Clusters clusters, JobStore store, SyncCursorStore cursors, SyncProperties properties, Leases leases) {
        this.leases = leases;
        this.clusters = clusters;
        this.store = store;
        this.cursors = cursors;
        this.properties = properties;
        this.windows = new SyncWindows(properties.windowJobs());
    }

    /**
     * Syncs of several clusters write side by side, and InnoDB's gap locks on the shared indexes can make one of two
     * writers the loser of a deadlock (error 1213), which MariaDB rolls back whole: such a window is written again.
     */
    private static final RetryTemplate DEADLOCK_RETRY = new RetryTemplate(RetryPolicy.builder().maxRetries(4)
            .delay(Duration.ofMillis(50)).multiplier(2).jitter(Duration.ofMillis(50))
            .predicate(AccountingSync::lostADeadlock).build());

    private static boolean lostADeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyFailureException || t instanceof java.sql.SQLTransactionRollbackException) {
                return true;
            }
        }
        return false;
    }

    /** Reads one window and stores what it holds. @return the number of job records read */
    public int syncWindow(String cluster, Instant from, Instant to) {
        ReentrantLock lock = windowLock(cluster);
        lock.lock();
        try {
            List<JobRow> rows = clusters.asServiceUser(cluster).accountingJobs(AccountingQuery.between(from, to))
                    .stream().map(j -> JobRow.of(cluster, j)).toList();
            DEADLOCK_RETRY.invoke(() -> store.save(cluster, rows));
            return rows.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * An incremental sync of the cluster that starts after this call: the one that runs next, on its own thread. A
     * history of tens of thousands of jobs takes minutes to read, longer than a caller should hold a request open;
     * requests that arrive while a sync runs share the one that follows it. @return its number of job records read,
     * or its failure
     */
    public CompletableFuture<Integer> requestSync(String cluster) {
        Runs r = runs.computeIfAbsent(cluster, c -> new Runs());
        synchronized (r) {
            if (r.running == null) {
                r.running = new CompletableFuture<>();
                Thread.ofVirtual().name("acct-sync-" + cluster).start(() -> runRequested(cluster, r));
                return r.running;
            }
            if (r.next == null) {
                r.next = new CompletableFuture<>();
            }
            return r.next;
        }
    }

    /**
     * What a "sync now" request came to within its wait: the sync ended and read {@code jobs} records, or it goes on
     * in the background ({@code jobs} null) and has stored everything up to {@code requestedAt} once the cluster's
     * {@code syncedUntil} reaches it (both to the second, as the cursor is stored).
     */
    public record NowOutcome(Integer jobs, Instant requestedAt) {

        public boolean done() {
            return jobs != null;
        }
    }

    /**
     * A sync of the cluster that starts now or after the running one, waited for at most {@code now-wait}.
     * @throws RuntimeException what the sync failed with, when it failed within the wait
     */
    public NowOutcome syncNow(String cluster) throws InterruptedException {
        Instant requested = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CompletableFuture<Integer> run = requestSync(cluster);
        try {
            return new NowOutcome(run.get(properties.nowWait().toMillis(), TimeUnit.MILLISECONDS), requested);
        } catch (TimeoutException e) {
            return new NowOutcome(null, requested);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The runs of one cluster: the one in progress, and the one that starts after it for requests made meanwhile. */
    private static final class Runs {
        CompletableFuture<Integer> running;
        CompletableFuture<Integer> next;
    }

    /** Runs the cluster's requested syncs one after another; a run's future completes once the next is set up. */
    private void runRequested(String cluster, Runs r) {
        CompletableFuture<Integer> current;
        synchronized (r) {
            current = r.running;
        }
        while (current != null) {
            Integer jobs = null;
            Throwable failure = null;
            try {
                jobs = syncIncrementally(cluster);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            CompletableFuture<Integer> following;
            synchronized (r) {
                r.running = r.next;
                r.next = null;
                following = r.running;
            }
            if (failure == null) {
                current.complete(jobs);
            } else {
                current.completeExceptionally(failure);
            }
            current = following;
        }
    }

    /** Held while one window of the cluster is read and stored (a backfill and the incremental sync take turns). */
    ReentrantLock windowLock(String cluster) {
        return locks.computeIfAbsent(cluster, c -> new ReentrantLock());
    }

    /**
     * From the cursor (minus the overlap) to now, window by window; the cursor moves to the end of each window once
     * it is stored, so a failure or crash resumes there. Only {@link #requestSync} calls it, so that one runs per
     * cluster. @return the number of job records read
     */
    private int syncIncrementally(String cluster) {
        Instant now = Instant.now();
        Instant from = cursors.find(cluster).map(SyncCursorStore.Cursor::syncedUntil)
                .map(t -> t.minus(properties.overlap()))
                .orElse(now.minus(properties.initialLookback()));
        int total = 0;
        try {
            while (from.isBefore(now)) {
                Instant to = sizedWindowEnd(cluster, from, now);
                total += syncSizedWindow(cluster, from, to);
                cursors.syncedUntil(cluster, to, total);
                from = to;
            }
            return total;
        } catch (RuntimeException e) {
            cursors.failed(cluster, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    /** The end of the next window from {@code from}: as big as {@link SyncWindows} says, never past {@code limit}. */
    private Instant sizedWindowEnd(String cluster, Instant from, Instant limit) {
        Instant to = from.plus(windows.next(cluster, properties.backfillChunk()));
        return to.isAfter(limit) ? limit : to;
    }

    /** One window, its size learned from how many jobs it held (or that it failed). */
    private int syncSizedWindow(String cluster, Instant from, Instant to) {
        Duration size = Duration.between(from, to);
        try {
            int n = syncWindow(cluster, from, to);
            windows.answered(cluster, size, n);
            return n;
        } catch (RuntimeException e) {
            windows.failed(cluster, size);
            throw e;
        }
    }

    /** The size the next window of this cluster would have (at most a backfill chunk). */
    Duration nextWindow(String cluster) {
        return windows.next(cluster, properties.backfillChunk());
    }

    @Scheduled(initialDelayString = "${workbench.accounting.sync.initial-delay:1m}",
            fixedDelayString = "${workbench.accounting.sync.interval:5m}")
    void syncAll() {
        if (!properties.enabled() || !leases.hold(LEASE, properties.interval().multipliedBy(2).plusMinutes(1))) {
            return;
        }
        for (String cluster : clusters.names()) {
            if (!clusters.status(cluster).reachable()) {
                continue;
            }
            try {
                int n = requestSync(cluster).get();
                log.debug("Accounting sync of {}: {} job records", cluster, n);
            } catch (ExecutionException e) {
                log.warn("Accounting sync of {} failed: {}", cluster, e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Reads {@code [from, to)} chunk by chunk, recording progress after each, so a crash resumes at the chunk it
     * was in ({@link #resumeBackfills}). Runs on the calling thread; callers start it on their own thread.
     */
    public void backfill(String cluster, Instant from, Instant to) {
        cursors.backfillStarted(cluster, from, to);
        continueBackfill(cluster, from, to);
    }

    /** {@link #backfill} on a thread of its own; a failure is the cluster's last error, as the sync's are. */
    void startBackfill(BackfillRange range) {
        log.info("Backfill of {} from {} to {} started", range.cluster(), range.from(), range.to());
        Thread.ofVirtual().name("acct-backfill-" + range.cluster()).start(() -> {
            try {
                backfill(range.cluster(), range.from(), range.to());
            } catch (RuntimeException e) {
                log.warn("Backfill of {} failed: {}", range.cluster(), e.getMessage());
                cursors.failed(range.cluster(), e.getMessage());
            }
        });
    }

    private void continueBackfill(String cluster, Instant done, Instant to) {
        while (done.isBefore(to)) {
            Instant next = sizedWindowEnd(cluster, done, to);
            syncSizedWindow(cluster, done, next);
            cursors.backfillDone(cluster, next);
            done = next;
        }
    }

    /** A backfill cut short by a stop or crash goes on where it stopped. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeBackfills() {
        for (SyncCursorStore.Cursor c : cursors.all()) {
            if (c.backfillPending() && clusters.names().contains(c.cluster())) {
                Thread.ofVirtual().name("acct-backfill-" + c.cluster()).start(() -> {
                    try {
                        continueBackfill(c.cluster(), c.backfillDone() == null ? c.backfillFrom() : c.backfillDone(), c.backfillTo());
                    } catch (RuntimeException e) {
                        log.warn("Resumed backfill of {} failed: {}", c.cluster(), e.getMessage());
                        cursors.failed(c.cluster(), e.getMessage());
                    }
                });
            }
        }
    }

    /** Where each cluster's sync stands, with backfill progress from 0 to 1 when one was started. */
    public List<SyncStatus> statuses() {
        return cursors.all().stream().map(c -> SyncStatus.of(c, syncing(c.cluster()))).toList();
    }

    private boolean syncing(String cluster) {
        Runs r = runs.get(cluster);
        if (r == null) {
            return false;
        }
        synchronized (r) {
            return r.running != null;
        }
    }
}
