package org.slurmworkbench.workbench.submit.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Tres;
import org.slurmworkbench.workbench.security.JobScope;
import org.slurmworkbench.workbench.submit.queue.QueueQuery.Column;
import org.springframework.web.ErrorResponseException;

class QueueIndexTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    static Job job(long id, String name, String user, String account, String partition, String state, long priority,
                   String nodes, Integer limit, Instant start, Long arrayJobId, Integer task, String tasks) {
        return new Job(id, arrayJobId, task, tasks, name, user, account, partition, "normal", List.of(state),
                state.equals("PENDING") ? "Priority" : "None", NOW.minusSeconds(id), null, start, null, limit, 1, 1, nodes,
                Tres.EMPTY, Tres.EMPTY, null, null, "/home/" + user, "/home/" + user + "/out", priority, "lab", null, null, null, null, null, null, null);
    }

    static final List<Job> JOBS = List.of(
            job(1, "sim-a", "alice", "physics", "cpu", "RUNNING", 10, "c[1-2]", 60, NOW.minusSeconds(600), null, null, null),
            job(2, "sim-b", "alice", "physics", "gpu", "PENDING", 30, null, 120, null, null, null, null),
            job(3, "fit", "bob", "physics", "cpu", "RUNNING", 20, "c2", null, NOW.minusSeconds(60), null, null, null),
            job(4, "md", "carol", "chemistry", "cpu", "PENDING", 40, null, 30, null, null, null, null),
            job(5, "old", "carol", "chemistry", "cpu", "COMPLETED", 0, "c1", 30, NOW.minusSeconds(900), null, null, null),
            job(9, "arr", "carol", "chemistry", "cpu", "PENDING", 5, null, 10, null, 6L, null, "2-4"),
            job(6, "arr", "carol", "chemistry", "cpu", "RUNNING", 5, "c3", 10, NOW.minusSeconds(30), 6L, 1, null));

    static QueueQuery q(String user, String account, String state, String name, String node, String array, String sort,
                        String dir, Integer page, Integer size, boolean expand) {
        return QueueQuery.of(user, account, null, null, state, null, name, node, array, sort, dir, page, size, expand);
    }

    static List<Long> ids(QueueIndex index, BitSet rows, Column sort, boolean desc) {
        int[] order = index.order(sort);
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            int row = order[desc ? order.length - 1 - k : k];
            if (rows.get(row)) {
                out.add(index.job(row).jobId());
            }
        }
        return out;
    }

    @Test
    void filtersLikeSqueue() {
        QueueIndex index = QueueIndex.of(JOBS, false, NOW);
        JobScope all = JobScope.all();
        assertThat(index.select(q(null, null, null, null, null, null, null, null, null, null, false), all).cardinality())
                .as("not ended, as squeue lists by default").isEqualTo(6);
        assertThat(index.select(q(null, null, "all", null, null, null, null, null, null, null, false), all).cardinality()).isEqualTo(7);
        assertThat(ids(index, index.select(q("alice,bob", null, null, null, null, null, null, null, null, null, false), all), Column.ID, false))
                .containsExactly(1L, 2L, 3L);
        assertThat(ids(index, index.select(q(null, "chemistry", "PENDING", null, null, null, null, null, null, null, false), all), Column.ID, false))
                .containsExactly(4L, 9L);
        assertThat(ids(index, index.select(q(null, null, null, null, "c2", null, null, null, null, null, false), all), Column.ID, false))
                .as("c[1-2] holds c2").containsExactly(1L, 3L);
        assertThat(ids(index, index.select(q(null, null, null, "sim", null, null, null, null, null, null, false), all), Column.ID, false))
                .containsExactly(1L, 2L);
        assertThat(ids(index, index.select(q(null, null, null, null, null, "6", null, null, null, null, false), all), Column.ID, false))
                .containsExactly(6L, 9L);
    }

    @Test
    void sortsByAnyColumnBothWays() {
        QueueIndex index = QueueIndex.of(JOBS, false, NOW);
        BitSet rows = index.select(q(null, null, null, null, null, null, null, null, null, null, false), JobScope.all());
        assertThat(ids(index, rows, Column.PRIORITY, true)).containsExactly(4L, 2L, 3L, 1L, 9L, 6L);
        // running 1: 60 min limit, 10 min gone = 50 min left; 3 is unlimited, so last
        assertThat(ids(index, rows, Column.TIME_LEFT, false)).containsExactly(6L, 9L, 4L, 1L, 2L, 3L);
        assertThat(ids(index, rows, Column.USER, false)).containsExactly(1L, 2L, 3L, 4L, 6L, 9L);
        assertThat(QueueIndex.timeLeft(JOBS.getFirst(), NOW)).isEqualTo(50 * 60);
    }

    @Test
    void expandsPendingArrayRecordsAsSqueueR() {
        QueueIndex index = QueueIndex.of(JOBS, true, NOW);
        BitSet rows = index.select(q(null, null, null, null, null, "6", null, null, null, null, true), JobScope.all());
        assertThat(rows.cardinality()).as("task 1 running plus 2, 3, 4 pending").isEqualTo(4);
        List<Integer> tasks = new ArrayList<>();
        for (int row : index.order(Column.ID)) {
            if (rows.get(row)) {
                tasks.add(index.task(row) >= 0 ? index.task(row) : index.job(row).arrayTaskId());
            }
        }
        assertThat(tasks).containsExactly(1, 2, 3, 4);
    }

    @Test
    void showsOnlyWhatTheScopeIncludes() {
        QueueIndex index = QueueIndex.of(JOBS, false, NOW);
        QueueQuery any = q(null, null, "all", null, null, null, null, null, null, null, false);
        assertThat(ids(index, index.select(any, new JobScope(false, "alice", Set.of())), Column.ID, false)).containsExactly(1L, 2L);
        assertThat(ids(index, index.select(any, new JobScope(false, "alice", Set.of("physics"))), Column.ID, false))
                .containsExactly(1L, 2L, 3L);
        assertThat(ids(index, index.select(any, new JobScope(false, "nobody", Set.of())), Column.ID, false)).isEmpty();
    }

    @Test
    void badParametersNameTheirField() {
        for (String[] bad : new String[][]{{"size", "0"}, {"size", "501"}, {"page", "0"}, {"sort", "colour"}, {"dir", "up"},
                {"array", "12x"}, {"user", "a b"}, {"state", "RUN NING"}, {"node", "c[1-"}, {"node", "c[1-99999999]"},
                {"node", "c 1"}}) {
            assertThatThrownBy(() -> QueueQuery.of(bad[0].equals("user") ? bad[1] : null, null, null, null,
                    bad[0].equals("state") ? bad[1] : null, null, null, bad[0].equals("node") ? bad[1] : null,
                    bad[0].equals("array") ? bad[1] : null,
                    bad[0].equals("sort") ? bad[1] : null, bad[0].equals("dir") ? bad[1] : null,
                    bad[0].equals("page") ? Integer.valueOf(bad[1]) : null, bad[0].equals("size") ? Integer.valueOf(bad[1]) : null, false))
                    .as(bad[0] + "=" + bad[1]).isInstanceOf(ErrorResponseException.class)
                    .hasMessageContaining("Field '" + bad[0] + "'");
        }
    }
}
