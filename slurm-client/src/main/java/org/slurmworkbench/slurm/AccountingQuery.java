package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Filter for {@code /slurmdb/.../jobs}. Where a release ignores or refuses a filter (22.05 knows no
 * {@code users} query field) the adapter applies it on the client, so the answer is the same everywhere.
 */
public record AccountingQuery(Instant start, Instant end, List<String> users, List<String> accounts,
                              List<String> partitions, List<Long> jobIds) {

    public AccountingQuery {
        Objects.requireNonNull(start, "start");
        users = users == null ? List.of() : List.copyOf(users);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        jobIds = jobIds == null ? List.of() : List.copyOf(jobIds);
    }

    public static AccountingQuery between(Instant start, Instant end) {
        return new AccountingQuery(start, end, null, null, null, null);
    }

    public AccountingQuery withUsers(String... names) {
        return new AccountingQuery(start, end, List.of(names), accounts, partitions, jobIds);
    }

    public AccountingQuery withJobIds(Long... ids) {
        return new AccountingQuery(start, end, users, accounts, partitions, List.of(ids));
    }
}
