package org.slurmworkbench.workbench.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.slurm.Tres;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.dashboard.Overview.Ranked;
import org.slurmworkbench.workbench.dashboard.Overview.Resources;

/** The arithmetic of the overview on a small hand-made cluster (the lab ITs check it against sinfo/squeue). */
class OverviewBuilderTest {

    static Node node(String name, List<String> states, int cpus, int alloc, int gpus, int allocGpus, String... partitions) {
        return new Node(name, states, cpus, alloc, 64000, alloc * 1000L, 0, gpus, allocGpus, List.of(partitions), null, 0,
                null, "x", Tres.EMPTY);
    }

    static Job job(long id, String state, String reason, String user, String account, String partition, int cpus,
                   long gpus, String nodes, Long arrayJobId, Integer taskId, String taskString) {
        Tres alloc = state.equals("RUNNING") ? new Tres(Map.of("cpu", (long) cpus, "gres/gpu", gpus)) : Tres.EMPTY;
        return new Job(id, arrayJobId, taskId, taskString, "j" + id, user, account, partition, "normal", List.of(state),
                reason, null, null, null, null, 10, cpus, 1, nodes, Tres.EMPTY, alloc, null, null, "/tmp", null, 1, "lab", null, null, null, null, null, null, null);
    }

    @Test
    void buildsNodesResourcesJobsPartitionsTopAndGrid() {
        List<Node> nodes = List.of(
                node("c1", List.of("MIXED"), 32, 4, 0, 0, "cpu"),
                node("c2", List.of("IDLE", "DRAIN"), 32, 0, 0, 0, "cpu"),
                node("g1", List.of("MIXED", "DRAIN"), 32, 2, 4, 2, "cpu", "gpu"),
                node("g2", List.of("DOWN"), 32, 0, 4, 0, "cpu", "gpu"));
        List<Partition> partitions = List.of(
                new Partition("cpu", "c[1-2],g[1-2]", 4, 128, true, "UP", null, null, null, List.of(), List.of(), Tres.EMPTY, null),
                new Partition("gpu", "g[1-2]", 2, 64, false, "UP", 60, null, "gpu", List.of("gpu"), List.of(), Tres.EMPTY, null));
        List<Job> jobs = List.of(
                job(1, "RUNNING", "None", "alice", "physics", "cpu", 4, 0, "c1", null, null, null),
                job(2, "RUNNING", "None", "carol", "chemistry", "gpu", 2, 2, "g1", null, null, null),
                job(3, "PENDING", "JobHeldUser", "alice", "physics", "cpu", 1, 0, null, 3L, null, "0-9%2"),
                job(4, "PENDING", "Priority", "bob", "physics", "cpu,gpu", 1, 0, null, null, null, null),
                job(5, "COMPLETED", "None", "bob", "physics", "cpu", 1, 0, "c1", null, null, null),
                job(7, "RUNNING", "None", "bob", "physics", "cpu", 1, 0, "c1", 6L, 3, null));

        Overview o = OverviewBuilder.build("lab", Instant.EPOCH, nodes, partitions, jobs);

        assertThat(o.nodeStates()).containsExactly(Map.entry("down", 1), Map.entry("drained", 1),
                Map.entry("draining", 1), Map.entry("mixed", 1));
        assertThat(o.cpus()).isEqualTo(new Resources(128, 6, 28, 94));
        assertThat(o.gpus()).isEqualTo(new Resources(8, 2, 0, 6));
        assertThat(o.jobs().running()).isEqualTo(3);
        assertThat(o.jobs().pending()).isEqualTo(11); // 10 array tasks counted one by one + 1
        assertThat(o.jobs().pendingByReason()).containsExactly(Map.entry("JobHeldUser", 10L), Map.entry("Priority", 1L));
        var cpu = o.partitions().getFirst();
        assertThat(cpu.nodes()).isEqualTo(4);
        assertThat(cpu.isDefault()).isTrue();
        assertThat(cpu.runningJobs()).isEqualTo(2);
        assertThat(cpu.pendingJobs()).isEqualTo(11);
        var gpu = o.partitions().get(1);
        assertThat(gpu.gpus()).isEqualTo(new Resources(8, 2, 0, 6));
        assertThat(gpu.pendingJobs()).isEqualTo(1);
        assertThat(gpu.maxTimeMinutes()).isEqualTo(60);
        assertThat(o.top().usersByRunningCpus()).containsExactly(new Ranked("alice", 4), new Ranked("carol", 2), new Ranked("bob", 1));
        assertThat(o.top().usersByRunningGpus()).containsExactly(new Ranked("carol", 2));
        assertThat(o.top().accountsByPendingJobs()).containsExactly(new Ranked("physics", 11));
        var c1 = o.nodes().getFirst();
        assertThat(c1.jobs()).extracting(Overview.NodeJob::id).containsExactly("1", "6_3");
        assertThat(o.nodes().get(2).flags()).containsExactly("DRAIN");

        // What the cache keeps in Redis reads back the same.
        JsonMapper json = JsonMapper.builder().build();
        OverviewCache.Entry entry = new OverviewCache.Entry(o, Instant.EPOCH, null);
        assertThat(json.readValue(json.writeValueAsString(entry), OverviewCache.Entry.class)).isEqualTo(entry);
    }
}
