package org.slurmworkbench.workbench.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void linearBetweenRanksAsPercentileContAndNumpy() {
        double[] oneToTen = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // numpy.percentile(range(1, 11), [0, 50, 95, 100]) = 1, 5.5, 9.55, 10
        assertThat(Percentiles.linear(i -> oneToTen[i], 10, 0)).isEqualTo(1);
        assertThat(Percentiles.linear(i -> oneToTen[i], 10, 0.5)).isEqualTo(5.5);
        assertThat(Percentiles.linear(i -> oneToTen[i], 10, 0.95)).isCloseTo(9.55, within(1e-9));
        assertThat(Percentiles.linear(i -> oneToTen[i], 10, 1)).isEqualTo(10);
        assertThat(Percentiles.linear(i -> 7, 1, 0.95)).isEqualTo(7);
        assertThatThrownBy(() -> Percentiles.linear(i -> 0, 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.linear(i -> 0, 3, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
