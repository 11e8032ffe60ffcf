package org.slurmworkbench.workbench.shared;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The last value per key, renewed by one load per key in flight ("single flight"): a load runs on a virtual thread,
 * stores its value, then hands it to every reader waiting for it; its failure reaches those readers and leaves the
 * stored value as it was. What counts as fresh, which stale value a reader may take at once while the renewal runs
 * (stale-while-revalidate) and how long a reader waits for it are the reader's {@link Policy}. Values live in a
 * {@link Store}: in memory, or shared (e.g. Redis) by the cache's owner. A loader that wants failures kept as
 * "stale with error" returns such a value instead of throwing.
 */
public final class RenewingCache<K, V> implements AutoCloseable {

    /** Where the values live; {@link #inMemory()} unless they are shared. Both methods may be called concurrently. */
    public interface Store<K, V> {
        /** The value kept for the key, or null. */
        V get(K key);

        void put(K key, V value);
    }

    /** Loads a new value of the key; {@code previous} is what the store held when the load started (or null). */
    @FunctionalInterface
    public interface Loader<K, V> {
        V load(K key, V previous) throws Exception;
    }

    /**
     * How a reader reads: a value for which {@code fresh} holds is served as is; otherwise a renewal is started (or
     * joined) and a value for which {@code serveWhileRenewing} holds is served at once; otherwise the reader waits at
     * most {@code maxWait} for the renewal (null: as long as it takes, not interruptibly).
     */
    public record Policy<V>(Predicate<? super V> fresh, Predicate<? super V> serveWhileRenewing, Duration maxWait) {

        public Policy {
            Objects.requireNonNull(fresh, "fresh");
            Objects.requireNonNull(serveWhileRenewing, "serveWhileRenewing");
        }

        /** Fresh values served, everything else waits for the renewal as long as it takes. */
        public static <V> Policy<V> waitFor(Predicate<? super V> fresh) {
            return new Policy<>(fresh, v -> false, null);
        }
    }

    /** What a read gave: a value (fresh, stale while renewed, or renewed while the reader waited) or none in time. */
    public sealed interface Read<V> {

        /** Fresh from the store. */
        record Fresh<V>(V value) implements Read<V> {
        }

        /** From the store, not fresh, served while one renewal runs in the background. */
        record Stale<V>(V value) implements Read<V> {
        }

        /** The reader waited for the renewal and got its value. */
        record Renewed<V>(V value) implements Read<V> {
        }

        /** The renewal did not answer within the reader's wait (or the reader was interrupted); it goes on. */
        record TimedOut<V>(V known, boolean interrupted) implements Read<V> {
        }

        /** The renewal the reader waited for failed; {@code known} is the value the store held (or null). */
        record Failed<V>(V known, Throwable cause) implements Read<V> {

            /** The cause as thrown by the loader, unchecked. */
            public RuntimeException rethrow() {
                if (cause instanceof Error e) {
                    throw e;
                }
                return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
            }
        }
    }

    private final Store<K, V> store;
    private final Loader<K, V> loader;
    private final Map<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService loads;

    /** A cache whose loads run on virtual threads named {@code name-0}, {@code name-1}, … */
    public RenewingCache(String name, Store<K, V> store, Loader<K, V> loader) {
        this.store = Objects.requireNonNull(store, "store");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.loads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory());
    }

    /** A store in this instance's memory. */
    public static <K, V> Store<K, V> inMemory() {
        Map<K, V> values = new ConcurrentHashMap<>();
        return new Store<>() {
            @Override
            public V get(K key) {
                return values.get(key);
            }

            @Override
            public void put(K key, V value) {
                values.put(key, value);
            }
        };
    }

    /** The value kept for the key (or null), whatever its age. */
    public V last(K key) {
        return store.get(key);
    }

    /** Stores a value for the key, as a load would (e.g. a placeholder while a load goes on). */
    public void put(K key, V value) {
        store.put(key, value);
    }

    /** Reads the key as the policy says. */
    public Read<V> read(K key, Policy<V> policy) {
        return read(key, policy, loader);
    }

    /** Reads the key as the policy says; a renewal this read starts loads with {@code load}. */
    public Read<V> read(K key, Policy<V> policy, Loader<K, V> load) {
        V known = store.get(key);
        if (known != null && policy.fresh().test(known)) {
            return new Read.Fresh<>(known);
        }
        CompletableFuture<V> renewal = renew(key, load);
        if (known != null && policy.serveWhileRenewing().test(known)) {
            return new Read.Stale<>(known);
        }
        return policy.maxWait() == null ? await(renewal, known)
                : await(renewal, System.nanoTime() + policy.maxWait().toNanos(), known);
    }

    /** The one load of this key in flight, started if there is none. */
    public CompletableFuture<V> renew(K key) {
        return renew(key, loader);
    }

    /** The one load of this key in flight, started with {@code load} if there is none. */
    public CompletableFuture<V> renew(K key, Loader<K, V> load) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        try {
            loads.execute(() -> {
                V value = null;
                Throwable failure = null;
                try {
                    value = load.load(key, store.get(key));
                    store.put(key, value);
                } catch (Throwable t) {
                    failure = t;
                }
                // Out of flight before anyone hears the answer: a reader that has it and reads again starts anew.
                inFlight.remove(key, mine);
                if (failure == null) {
                    mine.complete(value);
                } else {
                    mine.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) { // closed: nothing will run
            inFlight.remove(key, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    /** Whether a load of this key is in flight. */
    public boolean renewing(K key) {
        return inFlight.containsKey(key);
    }

    /** Waits for a renewal until {@code deadlineNanos} (of {@link System#nanoTime()}). */
    public static <V> Read<V> await(CompletableFuture<V> renewal, long deadlineNanos, V known) {
        try {
            return new Read.Renewed<>(renewal.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return new Read.TimedOut<>(known, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Read.TimedOut<>(known, true);
        } catch (ExecutionException e) {
            return new Read.Failed<>(known, e.getCause());
        }
    }

    /** Waits for a renewal as long as it takes. */
    public static <V> Read<V> await(CompletableFuture<V> renewal, V known) {
        try {
            return new Read.Renewed<>(renewal.join());
        } catch (CompletionException e) {
            return new Read.Failed<>(known, e.getCause());
        }
    }

    /** Stops the loads in flight; later renewals fail at once. */
    @Override
    public void close() {
        loads.shutdownNow();
    }
}
