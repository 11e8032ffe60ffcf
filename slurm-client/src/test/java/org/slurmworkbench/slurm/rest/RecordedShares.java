package org.slurmworkbench.slurm.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.slurmworkbench.slurm.Share;
import tools.jackson.databind.JsonNode;

/**
 * The check of a recorded {@code shares} answer (v0.0.40 to v0.0.45): the lab's tree root -> root, chemistry, ops,
 * physics (one share each) with users carol (chemistry), wbadmin (ops), alice and bob (physics), as sshare -a -l shows it.
 */
public final class RecordedShares {

    private RecordedShares() {
    }

    public static void check(JsonNode body) {
        List<Share> shares = Shares.read(body);
        assertThat(shares).extracting(Share::name).contains("root", "chemistry", "ops", "physics", "alice", "bob", "carol", "wbadmin");
        Share root = shares.getFirst();
        assertThat(root.name()).isEqualTo("root");
        assertThat(root.parent()).isEmpty();
        assertThat(root.user()).isFalse();
        assertThat(root.rawShares()).as("sshare prints no raw shares for root").isNull();
        assertThat(root.normUsage()).as("nor a normalized usage").isNull();
        assertThat(root.levelFs()).isNull();
        assertThat(root.levelFsInfinite()).isFalse();
        assertThat(root.effectiveUsage()).isEqualTo(1.0);
        for (String user : List.of("alice", "bob")) {
            assertThat(shares).filteredOn(s -> s.user() && s.name().equals(user)).singleElement().satisfies(s -> {
                assertThat(s.parent()).isEqualTo("physics");
                assertThat(s.account()).isEqualTo("physics");
                assertThat(s.rawShares()).isEqualTo(1L);
                assertThat(s.normShares()).isEqualTo(0.5);
                assertThat(s.fairshare()).isBetween(0.0, 1.0);
                assertThat(s.effectiveUsage()).isBetween(0.0, 1.0);
            });
        }
        assertThat(shares).filteredOn(s -> !s.user() && s.name().equals("physics")).singleElement().satisfies(s -> {
            assertThat(s.parent()).isEqualTo("root");
            assertThat(s.fairshare()).as("Slurm computes the factor for users only").isNull();
            assertThat(s.normShares()).isEqualTo(0.25);
        });
        // ops has never run a job: sshare prints its level FS as "inf"
        assertThat(shares).filteredOn(s -> s.name().equals("wbadmin")).singleElement().satisfies(s -> {
            assertThat(s.rawUsage()).isZero();
            assertThat(s.levelFsInfinite()).isTrue();
            assertThat(s.levelFs()).isNull();
            assertThat(s.fairshare()).isEqualTo(1.0);
        });
    }
}
