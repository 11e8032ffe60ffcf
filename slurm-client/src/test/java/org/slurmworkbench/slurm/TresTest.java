package org.slurmworkbench.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TresTest {

    @Test
    void parsesSlurmTresStringsWithMemoryInMb() {
        Tres tres = Tres.parse("cpu=32,mem=62.50G,billing=32,gres/gpu=4");
        assertThat(tres.cpus()).isEqualTo(32);
        assertThat(tres.memoryMb()).isEqualTo(64000);
        assertThat(tres.gpus()).isEqualTo(4);
        assertThat(Tres.parse("cpu=1,mem=500M,node=1").memoryMb()).isEqualTo(500);
        assertThat(Tres.parse("mem=2T").memoryMb()).isEqualTo(2L * 1024 * 1024);
    }

    @Test
    void typedGpusCountWhenNoPlainGpuEntry() {
        assertThat(Tres.parse("cpu=2,gres/gpu:a100=2,gres/gpu:v100=1").gpus()).isEqualTo(3);
        assertThat(Tres.parse("gres/gpu=2,gres/gpu:a100=2").gpus()).isEqualTo(2);
    }

    @Test
    void emptyAndNullAreEmpty() {
        assertThat(Tres.parse(null).values()).isEmpty();
        assertThat(Tres.parse("").gpus()).isZero();
        assertThat(Tres.parse("cpu=4,gres/gpu=1")).hasToString("cpu=4,gres/gpu=1");
    }

    /** Many jobs of one shape share one parsed Tres (and its map): what keeps 100,000 jobs small. */
    @Test
    void equalStringsShareOneImmutableTres() {
        Tres a = Tres.parse("cpu=1,mem=1000M,node=1,billing=1");
        assertThat(Tres.parse(new String("cpu=1,mem=1000M,node=1,billing=1"))).isSameAs(a);
        assertThat(Tres.parse("cpu=2,mem=1000M,node=1,billing=2")).isNotSameAs(a);
        assertThatThrownBy(() -> a.values().put("cpu", 9L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(a.cpus()).isEqualTo(1);
    }
}
