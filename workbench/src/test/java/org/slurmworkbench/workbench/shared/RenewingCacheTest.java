package org.slurmworkbench.workbench.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.shared.RenewingCache.Policy;
import org.slurmworkbench.workbench.shared.RenewingCache.Read;

/** One load per key in flight, stale values while renewing, bounded waits and failures, with real threads. */
class RenewingCacheTest {

    private static final Duration GENEROUS = Duration.ofSeconds(20);

    /** A loader that counts its calls, returns "v1", "v2", … and holds each load until it is let go. */
    private static final class GatedLoader implements RenewingCache.Loader<String, String> {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<String> previous = new AtomicReference<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        final CountDownLatch started = new CountDownLatch(1);
        volatile RuntimeException failure;

        @Override
        public String load(String key, String before) throws Exception {
            int n = calls.incrementAndGet();
            previous.set(before);
            started.countDown();
            assertThat(gate.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
            if (failure != null) {
                throw failure;
            }
            return key + "-v" + n;
        }
    }

    private final GatedLoader loader = new GatedLoader();
    private final RenewingCache<String, String> cache = new RenewingCache<>("test-load", RenewingCache.inMemory(), loader);
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void close() {
        cache.close();
        readers.shutdownNow();
    }

    private static <V> Policy<V> neverFresh() {
        return Policy.waitFor(v -> false);
    }

    @Test
    void manyConcurrentReadersShareOneLoad() throws Exception {
        loader.gate = new CountDownLatch(1);
        int n = 64;
        CyclicBarrier together = new CyclicBarrier(n);
        List<Future<Read<String>>> reads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            reads.add(readers.submit(() -> {
                together.await();
                return cache.read("a", neverFresh());
            }));
        }
        assertThat(loader.started.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // Every reader is parked on the one load: none has an answer before it is let go.
        assertThat(reads).noneMatch(Future::isDone);
        loader.gate.countDown();
        for (Future<Read<String>> read : reads) {
            assertThat(read.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Read.Renewed<>("a-v1"));
        }
        assertThat(loader.calls).hasValue(1);
        assertThat(cache.last("a")).isEqualTo("a-v1");
        assertThat(cache.renewing("a")).isFalse();
    }

    @Test
    void keysLoadIndependently() throws Exception {
        assertThat(cache.read("a", neverFresh())).isEqualTo(new Read.Renewed<>("a-v1"));
        assertThat(cache.read("b", neverFresh())).isEqualTo(new Read.Renewed<>("b-v2"));
    }

    @Test
    void freshValueIsServedWithoutALoad() {
        cache.put("a", "kept");
        assertThat(cache.read("a", Policy.waitFor(v -> true))).isEqualTo(new Read.Fresh<>("kept"));
        assertThat(loader.calls).hasValue(0);
    }

    @Test
    void staleValueIsServedAtOnceWhileOneRenewalRunsInTheBackground() throws Exception {
        cache.put("a", "old");
        loader.gate = new CountDownLatch(1);
        Policy<String> swr = new Policy<>(v -> !v.equals("old"), v -> true, null);
        assertThat(cache.read("a", swr)).isEqualTo(new Read.Stale<>("old"));
        assertThat(cache.read("a", swr)).isEqualTo(new Read.Stale<>("old")); // joins the renewal, starts none
        assertThat(loader.started.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(cache.renewing("a")).isTrue();
        CompletableFuture<String> renewal = cache.renew("a");
        loader.gate.countDown();
        assertThat(renewal.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isEqualTo("a-v1");
        assertThat(loader.previous).hasValue("old");
        assertThat(cache.read("a", swr)).isEqualTo(new Read.Fresh<>("a-v1"));
        assertThat(loader.calls).hasValue(1);
    }

    @Test
    void aReaderWaitsNoLongerThanMaxWaitAndTheLoadGoesOn() throws Exception {
        cache.put("a", "old");
        loader.gate = new CountDownLatch(1);
        Policy<String> bounded = new Policy<>(v -> false, v -> false, Duration.ofMillis(50));
        assertThat(cache.read("a", bounded)).isEqualTo(new Read.TimedOut<>("old", false));
        assertThat(cache.renewing("a")).isTrue();
        CompletableFuture<String> renewal = cache.renew("a"); // the one in flight
        loader.gate.countDown();
        assertThat(renewal.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isEqualTo("a-v1");
        assertThat(loader.calls).hasValue(1);
        assertThat(cache.last("a")).isEqualTo("a-v1");
    }

    @Test
    void aTimedOutReaderWithNothingKeptGetsNothing() {
        loader.gate = new CountDownLatch(1);
        assertThat(cache.read("a", new Policy<>(v -> false, v -> true, Duration.ZERO)))
                .isEqualTo(new Read.TimedOut<>(null, false));
        loader.gate.countDown();
    }

    @Test
    void aFailureReachesEveryWaitingReaderAndKeepsTheValueBefore() throws Exception {
        cache.put("a", "old");
        loader.failure = new IllegalStateException("down");
        loader.gate = new CountDownLatch(1);
        int n = 16;
        List<Future<Read<String>>> reads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            reads.add(readers.submit(() -> cache.read("a", neverFresh())));
        }
        assertThat(loader.started.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
        loader.gate.countDown();
        for (Future<Read<String>> read : reads) {
            Read<String> r = read.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            assertThat(r).isInstanceOf(Read.Failed.class);
            Read.Failed<String> f = (Read.Failed<String>) r;
            assertThat(f.known()).isEqualTo("old");
            assertThat(f.rethrow()).isSameAs(loader.failure);
        }
        assertThat(cache.last("a")).isEqualTo("old");
        assertThat(cache.renewing("a")).isFalse();
        // The next read tries again.
        loader.failure = null;
        assertThat(cache.read("a", neverFresh())).isEqualTo(new Read.Renewed<>("a-v" + loader.calls.get()));
    }

    @Test
    void aBackgroundRenewalsFailureReachesTheNextReaderThatWaits() throws Exception {
        cache.put("a", "old");
        loader.failure = new IllegalStateException("down");
        loader.gate = new CountDownLatch(1);
        assertThat(cache.read("a", new Policy<>(v -> false, v -> true, null))).isEqualTo(new Read.Stale<>("old"));
        AtomicReference<Thread> reader = new AtomicReference<>();
        Future<Read<String>> waiting = readers.submit(() -> {
            reader.set(Thread.currentThread());
            return cache.read("a", neverFresh());
        });
        // let the renewal fail only once the reader waits for it: a reader that came after would load anew
        long until = System.nanoTime() + GENEROUS.toNanos();
        while ((reader.get() == null || reader.get().getState() != Thread.State.WAITING
                && reader.get().getState() != Thread.State.TIMED_WAITING) && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        loader.gate.countDown();
        Read<String> r = waiting.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(Read.Failed.class);
        assertThat(loader.calls).hasValue(1);
    }

    @Test
    void checkedAndErrorFailuresRethrowUnchecked() {
        assertThat(new Read.Failed<>(null, new java.io.IOException("x")).rethrow())
                .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> new Read.Failed<>(null, new AssertionError("x")).rethrow()).isInstanceOf(AssertionError.class);
    }

    @Test
    void anInterruptedReaderStopsWaitingAndKeepsItsInterrupt() throws Exception {
        loader.gate = new CountDownLatch(1);
        AtomicReference<Read<String>> got = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            got.set(cache.read("a", new Policy<>(v -> false, v -> false, GENEROUS)));
            flag.set(Thread.currentThread().isInterrupted());
        });
        assertThat(loader.started.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
        reader.interrupt();
        reader.join(GENEROUS);
        assertThat(got.get()).isEqualTo(new Read.TimedOut<>(null, true));
        assertThat(flag.get()).isTrue();
        loader.gate.countDown();
    }

    @Test
    void afterCloseARenewalFailsAtOnce() {
        cache.close();
        assertThat(cache.read("a", neverFresh())).isInstanceOf(Read.Failed.class);
        assertThat(cache.renewing("a")).isFalse();
    }
}
