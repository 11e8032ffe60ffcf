package org.slurmworkbench.slurm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.SlurmClientConfig;
import org.slurmworkbench.slurm.TokenProvider;
import org.slurmworkbench.slurm.token.MintedTokens;
import org.slurmworkbench.slurm.token.MovableClock;
import org.slurmworkbench.slurm.lab.LabCluster;

/**
 * Tokens live {@code wb.soak.token-seconds} while the run lasts {@code wb.soak.seconds}: every token the client minted
 * is renewed several times over, and no call (job and node reads, held jobs submitted and cancelled) may fail. All lab releases run at once. The suite runs 10 s tokens for
 * 40 s (eight renewals per user and release); {@code bench/soak} runs the 60 s tokens for 15 minutes.
 */
class TokenRenewalIT {

    @Test
    void shortLivedTokensNeverFailACall() throws Exception {
        long seconds = Long.getLong("wb.soak.seconds", 40);
        Duration tokenLifespan = Duration.ofSeconds(Long.getLong("wb.soak.token-seconds", 10));
        List<LabCluster> labs = LabCluster.all();
        ExecutorService pool = Executors.newFixedThreadPool(labs.size());
        List<Future<String>> results = new ArrayList<>();
        for (LabCluster lab : labs) {
            results.add(pool.submit(() -> soak(lab, Duration.ofSeconds(seconds), tokenLifespan)));
        }
        pool.shutdown();
        for (Future<String> result : results) {
            System.out.println(result.get());
        }
    }

    @Test
    void anExpiredTokenIsRenewedAndTheCallRepeated() throws Exception {
        for (LabCluster lab : LabCluster.all()) {
            // The first token is minted ten minutes in the past, so it expired five minutes ago.
            MovableClock clock = new MovableClock(Instant.now().minus(Duration.ofMinutes(10)));
            MintedTokens tokens = new MintedTokens(lab.jwtKey(), Duration.ofMinutes(5), clock);
            SlurmClient client = new SlurmClient(SlurmClientConfig.of(lab.restUrl(),
                    new Watched(tokens, token -> { }, user -> clock.set(Instant.now())), lab.adminUser()));
            assertThat(client.as(lab.adminUser()).nodes()).as(lab.toString()).hasSize(4);
            assertThat(clock.instant()).as("the rejected token was renewed").isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        }
    }

    private static String soak(LabCluster lab, Duration length, Duration tokenLifespan) throws InterruptedException {
        MintedTokens minted = new MintedTokens(lab.jwtKey(), tokenLifespan);
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        SlurmClient client = new SlurmClient(SlurmClientConfig.of(lab.restUrl(),
                new Watched(minted, tokens::add, user -> { }), lab.adminUser()));
        SlurmApi alice = client.as("alice");
        SlurmApi admin = client.as(lab.adminUser());
        AtomicInteger calls = new AtomicInteger();
        long end = System.nanoTime() + length.toNanos();
        for (int round = 1; System.nanoTime() < end; round++) {
            // Any exception escapes and fails the test: that is the assertion.
            assertThat(alice.jobs()).isNotNull();
            assertThat(admin.nodes()).hasSize(4);
            calls.addAndGet(2);
            if (round % 5 == 0) {
                // writes too: a held job submitted and cancelled as alice
                long job = alice.submit(JobSubmission.builder("#!/bin/bash\ntrue\n").name("wb-soak").hold(true)
                        .timeLimitMinutes(1).workDir("/tmp").build()).jobId();
                alice.cancel(job);
                calls.addAndGet(2);
            }
            Thread.sleep(Math.min(2_000, tokenLifespan.toMillis() / 5));
        }
        assertThat(calls.get()).isGreaterThan((int) (length.toSeconds() / 3));
        // two users, each renewing once half a lifespan is gone
        assertThat(tokens).as("tokens minted").hasSizeGreaterThanOrEqualTo(
                (int) (2 * length.toSeconds() / tokenLifespan.toSeconds()));
        return lab + ": " + calls.get() + " calls over " + length.toSeconds() + " s with " + tokenLifespan.toSeconds()
                + " s tokens (" + tokens.size() + " tokens minted), none failed";
    }

    /** {@code inner}'s tokens, telling {@code issued} of each token handed out and {@code invalidated} of each renewal. */
    private record Watched(TokenProvider inner, Consumer<String> issued, Consumer<String> invalidated) implements TokenProvider {

        @Override
        public String tokenFor(String user) {
            String token = inner.tokenFor(user);
            issued.accept(token);
            return token;
        }

        @Override
        public void invalidate(String user) {
            invalidated.accept(user);
            inner.invalidate(user);
        }
    }
}
