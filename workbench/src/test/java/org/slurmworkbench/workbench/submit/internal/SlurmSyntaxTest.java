package org.slurmworkbench.workbench.submit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Slurm's formats as sbatch(1) documents them: what is accepted, and what it means. */
class SlurmSyntaxTest {

    @ParameterizedTest
    @CsvSource({"30,30", "0:30,1", "1:01,2", "10:00,10", "01:00:00,60", "2:30:59,151", "1-0,1440", "1-12,2160",
            "2-03:04,3064", "1-00:00:01,1441", "UNLIMITED,-1", "infinite,-1", "100000,100000"})
    void timeLimitsInEveryFormOfSbatch(String text, int minutes) {
        assertThat(SlurmSyntax.timeMinutes(text)).hasValue(minutes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 5", "1:60", "1-24", "0", "1h", "1:2:3:4", "1-2:3:4:5"})
    void malformedTimes(String text) {
        assertThat(SlurmSyntax.timeMinutes(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"100,100", "100M,100", "4G,4096", "4g,4096", "1T,1048576", "1K,1", "2048K,2", "2049k,3"})
    void memoryWithUnits(String text, long mb) {
        assertThat(SlurmSyntax.memoryMb(text)).hasValue(mb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-99%10", "1,3,5-9:2", "0", "7", "0-4000000", "1-3,5,7-15:4%2"})
    void validArrays(String spec) {
        assertThat(SlurmSyntax.arrayProblem(spec)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5-2", "0-99%0", "0-9:0", "1,,3", "0-4000001", "%3", "a"})
    void invalidArraysSayWhy(String spec) {
        assertThat(SlurmSyntax.arrayProblem(spec)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"afterok:12", "afterany:12:13", "after:12+5", "afterok:12_3", "singleton",
            "afterok:1,afternotok:2", "afterok:1?afterany:2", "aftercorr:5"})
    void validDependencies(String d) {
        assertThat(SlurmSyntax.validDependency(d)).isTrue();
    }
}
