package org.slurmworkbench.workbench.submit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputPathTest {

    @Test
    void fillsSbatchPatternsAsSlurmDoesForTheBatchStep() {
        assertThat(OutputPath.expand("/home/alice/%x-%j.out", 42, null, null, "alice", "sim", "c1")).isEqualTo("/home/alice/sim-42.out");
        assertThat(OutputPath.expand("slurm-%A_%a.out", 57, 50L, 7, "alice", "sim", "c1")).isEqualTo("slurm-50_7.out");
        assertThat(OutputPath.expand("%u/%4a-%N.log", 57, 50L, 7, "bob", "x", "c[1-2],g1")).isEqualTo("bob/0007-c1.log");
        assertThat(OutputPath.expand("100%%-%j", 9, null, null, "a", "n", null)).isEqualTo("100%-9");
    }

    @Test
    void leavesWhatItCannotFillAndPathsWithoutPatterns() {
        assertThat(OutputPath.expand("slurm-%A_%a.out", 50, 50L, null, "a", "n", null)).isEqualTo("slurm-50_%a.out");
        assertThat(OutputPath.expand("/tmp/out.txt", 1, null, null, "a", "n", null)).isEqualTo("/tmp/out.txt");
        assertThat(OutputPath.expand(null, 1, null, null, "a", "n", null)).isNull();
        assertThat(OutputPath.expand("%N-%s.out", 1, null, null, "a", "n", "")).isEqualTo("%N-%s.out");
    }
}
