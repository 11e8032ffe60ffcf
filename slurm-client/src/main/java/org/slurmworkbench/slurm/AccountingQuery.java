package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;

/**
 * Filter for {@code /slurmdb/.../jobs}. Where a release ignores or refuses a filter (22.05 knows no
 * {@code users} query field) the adapter applies it on the client, so the answer is the same everywhere.
 * One job id goes to slurmdbd as its {@code step} filter, which also names the array's tasks and the heterogeneous
 * job's components, as {@code sacct -j} does; a query of one job ({@link #ofJob}) has no time window. Several ids
 * are filtered on the client (24.11 refuses a list in {@code step}: 422; 22.05's slurmrestd dies on some forms).
 */
public record AccountingQuery(Instant start, Instant end, List<String> users, List<String> accounts,
                              List<String> partitions, List<Long> jobIds) {

    public AccountingQuery {
        jobIds = jobIds == null ? List.of() : List.copyOf(jobIds);
        if (start == null && jobIds.size() != 1) {
            throw new NullPointerException("start (only a query of one job may go without a window)");
        }
        users = users == null ? List.of() : List.copyOf(users);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    public static AccountingQuery between(Instant start, Instant end) {
        return new AccountingQuery(start, end, null, null, null, null);
    }

    /** Every record of one job, whenever it ran: the job, its array's tasks, its heterogeneous components. */
    public static AccountingQuery ofJob(long id) {
        return new AccountingQuery(null, null, null, null, null, List.of(id));
    }

    /** Whether slurmdbd itself can filter by the job id ({@code step}): only one id is sent. */
    public boolean oneJob() {
        return jobIds.size() == 1;
    }

    public AccountingQuery withUsers(String... names) {
        return new AccountingQuery(start, end, List.of(names), accounts, partitions, jobIds);
    }

    public AccountingQuery withJobIds(Long... ids) {
        return new AccountingQuery(start, end, users, accounts, partitions, List.of(ids));
    }
}
