package org.slurmworkbench.workbench.submit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
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

    private static final Instant NOW = Instant.parse("2026-11-27T10:30:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @ParameterizedTest
    @CsvSource({
            "now, 2026-11-27T10:30:00Z",
            "now+90, 2026-11-27T10:31:30Z",
            "now+1hour, 2026-11-27T11:30:00Z",
            "NOW+2days, 2026-11-29T10:30:00Z",
            "now+1w, 2026-12-04T10:30:00Z",
            "19:00, 2026-11-27T11:00:00Z",
            "18:00:30, 2026-11-28T10:00:30Z",
            "2026-12-01, 2026-11-30T16:00:00Z",
            "2026-12-01T08:00, 2026-12-01T00:00:00Z",
            "2026-12-01T08:00:00Z, 2026-12-01T08:00:00Z",
            "2026-12-01T08:00:00+08:00, 2026-12-01T00:00:00Z"})
    void beginTimesInSbatchFormsInTheClustersZone(String text, String expected) {
        assertThat(SlurmSyntax.beginTime(text, NOW, SHANGHAI))
                .contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "now-1hour", "now+1fortnight", "25:00", "12:60", "2026-13-01", "2026-02-30",
            "2026-12-01 08:00", "now+400days", "2028-01-01", "now+99999999999"})
    void malformedOrFarBeginTimesAreRefused(String text) {
        assertThat(SlurmSyntax.beginTime(text, NOW, SHANGHAI)).isEmpty();
    }
}
