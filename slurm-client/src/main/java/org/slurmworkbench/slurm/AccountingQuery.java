package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;

/**
 * Filter for {@code /slurmdb/.../jobs}. Where a release ignores or refuses a filter (22.05 knows no
 * {@code users} query field) the adapter applies it on the client, so the answer is the same everywhere.
 * Job ids go to slurmdbd as its {@code step} list, which also names an array's tasks and a heterogeneous job's
 * components, as {@code sacct -j} does; a query by job ids alone ({@link #ofJobs}) has no time window.
 */
public record AccountingQuery(Instant start, Instant end, List<String> users, List<String> accounts,
                              List<String> partitions, List<Long> jobIds) {

    public AccountingQuery {
        jobIds = jobIds == null ? List.of() : List.copyOf(jobIds);
        if (start == null && jobIds.isEmpty()) {
            throw new NullPointerException("start (only a query by job ids may go without a window)");
        }
        users = users == null ? List.of() : List.copyOf(users);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    public static AccountingQuery between(Instant start, Instant end) {
        return new AccountingQuery(start, end, null, null, null, null);
    }

    /** Every record of these jobs, whenever they ran: the jobs, their array tasks, their heterogeneous components. */
    public static AccountingQuery ofJobs(Long... ids) {
        return new AccountingQuery(null, null, null, null, null, List.of(ids));
    }

    public AccountingQuery withUsers(String... names) {
        return new AccountingQuery(start, end, List.of(names), accounts, partitions, jobIds);
    }

    public AccountingQuery withJobIds(Long... ids) {
        return new AccountingQuery(start, end, users, accounts, partitions, List.of(ids));
    }
}
