package org.slurmworkbench.workbench.workload.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.slurmworkbench.workbench.workload.plan.WorkloadPlan;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The batched claims and records the submitters rely on, against the real MariaDB (a CREATED run, which the engine
 * leaves alone): racing batch claims split the jobs without overlap; a claim settled as in doubt cannot be renewed by
 * its old owner; release and the batched records touch exactly the rows they name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunClaimsIT {

    @Autowired
    RunStore store;
    @Autowired
    JdbcTemplate jdbc;

    String id;

    @BeforeEach
    void run() {
        id = "claims" + Long.toString(System.nanoTime() % 1_679_616L, 36);
        List<PlannedJob> plan = IntStream.rangeClosed(1, 400)
                .mapToObj(seq -> new PlannedJob(seq, 0, "alice", null, null, null, 1, 1, 0, 1, 2, 0)).toList();
        store.create(new Run(id, "lab", "api", 1, null, RunState.CREATED, 8, 0, false, "admin", Instant.now(), null,
                null, 0, null, null, null, null), new WorkloadPlan("api", 1, plan));
    }

    @AfterEach
    void delete() {
        store.delete(id);
    }

    @Test
    void racingBatchClaimsSplitTheJobsWithoutOverlap() throws Exception {
        List<Integer> all = IntStream.rangeClosed(1, 400).boxed().toList();
        store.markQueued(id, all.subList(0, 200));
        List<Callable<Set<Integer>>> claimers = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            String owner = "p-test-r" + c;
            // each claimer asks for every job, in batches of 16 from its own starting point
            int start = c * 50;
            claimers.add(() -> {
                Set<Integer> won = new HashSet<>();
                for (int i = 0; i < all.size(); i += 16) {
                    List<Integer> batch = new ArrayList<>();
                    for (int k = i; k < Math.min(all.size(), i + 16); k++) {
                        batch.add(all.get((start + k) % all.size()));
                    }
                    won.addAll(store.claim(id, batch, owner + "-" + i, Instant.now()));
                }
                return won;
            });
        }
        List<Set<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Set<Integer>> f : pool.invokeAll(claimers)) {
                results.add(f.get());
            }
        }
        Set<Integer> union = new HashSet<>();
        int total = 0;
        for (Set<Integer> won : results) {
            total += won.size();
            union.addAll(won);
        }
        assertThat(total).as("no job won twice").isEqualTo(400);
        assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wl_job WHERE run_id = ? AND claimed_by IS NULL",
                Integer.class, id)).isZero();
        // everything is claimed now: another batch wins nothing
        assertThat(store.claim(id, all.subList(0, 50), "p-test-late", Instant.now())).isEmpty();
    }

    @Test
    void finishedJobsAreNotClaimedAndASettledClaimCannotBeRenewed() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.submitted(id, 1, 1001L, now);
        store.failed(id, 2, "refused");
        store.cancel(id, 3);
        assertThat(store.claim(id, List.of(1, 2, 3, 4, 5), "p-test-a", now)).containsExactlyInAnyOrder(4, 5);

        assertThat(store.refreshClaim(id, 4, "p-test-a", now.plusSeconds(10))).isTrue();
        assertThat(store.refreshClaim(id, 4, "p-test-b", now.plusSeconds(10))).as("not b's claim").isFalse();
        // the engine settles job 4 as in doubt (Slurm does not hold it) and queues it again: a takes it no longer
        store.unclaim(id, 4);
        assertThat(store.refreshClaim(id, 4, "p-test-a", now.plusSeconds(20))).isFalse();
        assertThat(store.claim(id, List.of(4), "p-test-c", now)).containsExactly(4);
        assertThat(store.refreshClaim(id, 4, "p-test-a", now.plusSeconds(20))).isFalse();

        // a releases what it never sent (job 5) but not what c holds now (job 4)
        store.release(id, List.of(4, 5), "p-test-a");
        Map<String, Object> five = jdbc.queryForMap("SELECT state, claimed_by FROM wl_job WHERE run_id = ? AND seq = 5", id);
        assertThat(five).containsEntry("state", "QUEUED").containsEntry("claimed_by", null);
        assertThat(jdbc.queryForObject("SELECT claimed_by FROM wl_job WHERE run_id = ? AND seq = 4", String.class, id))
                .isEqualTo("p-test-c");
    }

    @Test
    void batchedRecordsSetEachJobsOwnIdAndTime() {
        Instant t = Instant.parse("2026-11-27T10:00:00.123Z");
        List<RunStore.Submitted> done = new ArrayList<>();
        for (int seq = 10; seq <= 400; seq += 3) {
            done.add(new RunStore.Submitted(seq, 50_000L + seq, t.plusMillis(seq)));
        }
        store.claim(id, done.stream().map(RunStore.Submitted::seq).toList(), "p-test-rec", t);
        store.submitted(id, done);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT seq, state, slurm_job_id, submitted_at FROM wl_job "
                + "WHERE run_id = ? AND state = 'SUBMITTED' ORDER BY seq", id);
        assertThat(rows).hasSize(done.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            int seq = ((Number) row.get("seq")).intValue();
            assertThat(seq).isEqualTo(done.get(i).seq());
            assertThat(((Number) row.get("slurm_job_id")).longValue()).isEqualTo(50_000L + seq);
            Instant at = jdbc.queryForObject("SELECT submitted_at FROM wl_job WHERE run_id = ? AND seq = ?",
                    (rs, n) -> RunStore.instant(rs, "submitted_at"), id, seq);
            assertThat(at).isEqualTo(t.plusMillis(seq));
        }
        assertThat(store.countByState(id).get(JobState.PLANNED)).isEqualTo(400L - done.size());
    }
}
