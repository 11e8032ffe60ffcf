package org.slurmworkbench.workbench.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of taking rights away: never from oneself, never from the last enabled admin. */
class UserChangesTest {

    @Test
    void anAdminMayNotTakeRightsFromThemself() {
        UserChanges.RefusedException r = UserChanges.refusal("root-admin", "root-admin", List.of("root-admin", "other"),
                "user.refused.selfDelete");
        assertThat(r).isNotNull();
        assertThat(r.key).isEqualTo("user.refused.selfDelete");
        assertThat(r.status.value()).isEqualTo(409);
    }

    @Test
    void theLastEnabledAdminKeepsTheirRights() {
        // "admin" acts while its own row was disabled a moment ago by "other", who is now the last enabled admin
        UserChanges.RefusedException r = UserChanges.refusal("admin", "other", List.of("other"), "user.refused.selfDelete");
        assertThat(r).isNotNull();
        assertThat(r.key).isEqualTo("user.refused.lastAdmin");
        assertThat(r.args).containsExactly("other");
        assertThat(r.status.value()).isEqualTo(409);
    }

    @Test
    void anotherAdminOrAUserMayLoseTheirRights() {
        assertThat(UserChanges.refusal("admin", "other", List.of("admin", "other"), "k")).isNull();
        assertThat(UserChanges.refusal("admin", "alice", List.of("admin"), "k")).as("a user, not an admin").isNull();
    }
}
