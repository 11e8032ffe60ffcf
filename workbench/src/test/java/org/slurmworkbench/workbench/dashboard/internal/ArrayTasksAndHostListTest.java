package org.slurmworkbench.workbench.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.cluster.ArrayTasks;
import org.slurmworkbench.workbench.cluster.HostList;

class ArrayTasksAndHostListTest {

    @Test
    void countsArrayTasksLikeSqueueR() {
        assertThat(ArrayTasks.count("0-99%10")).isEqualTo(100);
        assertThat(ArrayTasks.count("3,5-9")).isEqualTo(6);
        assertThat(ArrayTasks.count("1-9:2")).isEqualTo(5);
        assertThat(ArrayTasks.count("7")).isEqualTo(1);
        assertThat(ArrayTasks.count("2-5,8,10-11%2")).isEqualTo(7);
        assertThat(ArrayTasks.count(null)).isEqualTo(1);
        assertThat(ArrayTasks.count("garbage")).isEqualTo(1);
    }

    @Test
    void expandsHostLists() {
        assertThat(HostList.expand("c[1-2],g1")).containsExactly("c1", "c2", "g1");
        assertThat(HostList.expand("node[01-03,07]")).containsExactly("node01", "node02", "node03", "node07");
        assertThat(HostList.expand("g2")).containsExactly("g2");
        assertThat(HostList.expand("")).isEmpty();
        assertThat(HostList.expand(null)).isEmpty();
    }

    @Test
    void aTypedHostListIsBoundedAndMalformedOnesAreNamed() {
        assertThat(HostList.expand("c[1,3],g[1-2]", 10)).containsExactly("c1", "c3", "g1", "g2");
        assertThat(HostList.expand("c[1-10]", 10)).hasSize(10);
        assertThatThrownBy(() -> HostList.expand("c[1-11]", 10)).hasMessageContaining("more than 10");
        assertThatThrownBy(() -> HostList.expand("c[1-9999999999]", 10_000)).hasMessageContaining("more than 10000");
        assertThatThrownBy(() -> HostList.expand("c[1-5],g[1-6]", 10)).hasMessageContaining("more than 10");
        assertThatThrownBy(() -> HostList.expand("c[1-", 10)).hasMessageContaining("c[1-");
        assertThatThrownBy(() -> HostList.expand("c1]", 10)).hasMessageContaining("c1]");
        assertThatThrownBy(() -> HostList.expand("c[a-b]", 10)).hasMessageContaining("a-b");
    }
}
