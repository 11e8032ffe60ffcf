package org.slurmworkbench.workbench.submit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class JobRefTest {

    @Test
    void readsJobsTasksAndHetComponentsAsUsersTypeThem() {
        assertThat(JobRef.parse("123")).isEqualTo(new JobRef(123, null, null));
        assertThat(JobRef.parse(" 123_4 ")).isEqualTo(new JobRef(123, 4, null));
        assertThat(JobRef.parse("123+1")).isEqualTo(new JobRef(123, null, 1));
        assertThat(JobRef.parse("123+1").toString()).isEqualTo("123+1");
    }

    @Test
    void refusesAnythingElseNamingTheFormsItTakes() {
        for (String bad : new String[]{"0", "12x", "123_", "123+", "123_4+1", "-5", "", "1_[0-3]"}) {
            assertThatThrownBy(() -> JobRef.parse(bad)).as(bad).isInstanceOf(ErrorResponseException.class)
                    .satisfies(e -> assertThat(((ErrorResponseException) e).getBody().getDetail()).contains("123_4", "123+1"));
        }
    }
}
