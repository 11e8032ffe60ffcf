package org.slurmworkbench.workbench.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.NewReservation;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.web.ErrorResponseException;

class ReservationFormTest {

    static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
    static final Set<String> NODES = Set.of("c1", "c2", "g1", "g2");

    private static ReservationForm form(String name, String start, String end, String duration, String nodes,
                                        List<String> users, List<String> accounts, List<String> flags) {
        return new ReservationForm(name, start, end, duration, nodes, users, accounts, flags);
    }

    private static Map<String, String> errors(ReservationForm f) {
        ErrorResponseException e = catchThrowableOfType(ErrorResponseException.class, () -> f.check(NOW, NODES));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getStatusCode().value()).isEqualTo(400);
        return FieldProblems.of(e);
    }

    @Test
    void aMaintenanceReservationAsTheFormSendsIt() {
        NewReservation r = form(" maint-1 ", "2026-12-07T02:30", "", "90", "c[1-2]", List.of("root, alice"), null,
                List.of("maint", "IGNORE_JOBS", "MAINT")).check(NOW, NODES);

        assertThat(r.name()).isEqualTo("maint-1");
        assertThat(r.start()).as("a local time is UTC").isEqualTo(Instant.parse("2026-12-07T02:30:00Z"));
        assertThat(r.durationMinutes()).isEqualTo(90);
        assertThat(r.end()).isNull();
        assertThat(r.nodes()).isEqualTo("c[1-2]");
        assertThat(r.users()).containsExactly("root", "alice");
        assertThat(r.accounts()).isEmpty();
        assertThat(r.flags()).containsExactly("MAINT", "IGNORE_JOBS");
    }

    @Test
    void noStartIsNowAndAnEndWithAnOffsetIsTakenAsGiven() {
        NewReservation r = form("m", null, "2026-12-07T10:00:00+08:00", null, "all", null, List.of("physics"), null)
                .check(NOW, NODES);
        assertThat(r.start()).isEqualTo(NOW);
        assertThat(r.end()).isEqualTo(Instant.parse("2026-12-07T02:00:00Z"));
        assertThat(r.nodes()).isEqualTo("ALL");
        assertThat(r.accounts()).containsExactly("physics");
    }

    @Test
    void everyBadFieldIsNamed() {
        assertThat(errors(form("", "yesterday", null, "0", "c[1-", List.of("bad name"), null, List.of("NOPE"))))
                .containsOnlyKeys("name", "start", "duration", "nodes", "users", "flags");
        assertThat(errors(form("a/b", null, null, null, "c9,c1", null, null, null)))
                .containsOnlyKeys("name", "duration", "nodes", "users");
        assertThat(errors(form("m", null, null, null, "c9,c1", null, null, null)).get("nodes")).contains("c9").doesNotContain("c1");
        assertThat(errors(form("m", null, "2026-12-07T03:00", "30", "c1", List.of("root"), null, null)))
                .as("end and duration").containsOnlyKeys("end");
        assertThat(errors(form("m", "2026-12-07T03:00", "2026-12-07T02:00", null, "c1", List.of("root"), null, null)))
                .as("end before start").containsOnlyKeys("end");
        assertThat(errors(form("m", "2026-12-07T00:00", null, "30", "c1", List.of("root"), null, null)))
                .as("an hour ago").containsOnlyKeys("start");
        assertThat(errors(form("m", null, null, "527041", "c1", List.of("root"), null, null))).containsOnlyKeys("duration");
    }
}
