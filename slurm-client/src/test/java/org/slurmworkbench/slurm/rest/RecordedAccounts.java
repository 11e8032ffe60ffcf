package org.slurmworkbench.slurm.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.slurmworkbench.slurm.Account;
import tools.jackson.databind.JsonNode;

/** The check of a recorded {@code accounts} answer, the same for every API version since the shape is shared. */
public final class RecordedAccounts {

    private RecordedAccounts() {
    }

    /** Recorded while bob coordinated physics ({@code RecordResponses} makes him one for the call). */
    public static void check(JsonNode body) {
        List<Account> accounts = Accounts.read(body);
        assertThat(accounts).extracting(Account::name).contains("physics", "chemistry", "root");
        assertThat(accounts).filteredOn(a -> a.name().equals("physics")).singleElement()
                .satisfies(a -> assertThat(a.coordinators()).containsExactly("bob"));
        assertThat(accounts).filteredOn(a -> a.name().equals("chemistry")).singleElement()
                .satisfies(a -> assertThat(a.coordinators()).isEmpty());
    }
}
