package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;

/**
 * A reservation to create, as {@code scontrol create reservation} takes it: {@code nodes} a Slurm host list ("c[1-2]")
 * or "ALL"; {@code end} or {@code durationMinutes}, one of them (the other null); {@code users} and/or
 * {@code accounts} who may use it; {@code flags} upper case as Slurm names them (MAINT, IGNORE_JOBS, ...).
 */
public record NewReservation(String name, Instant start, Instant end, Integer durationMinutes, String nodes,
                             List<String> users, List<String> accounts, List<String> flags) {

    public NewReservation {
        users = users == null ? List.of() : List.copyOf(users);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        flags = flags == null ? List.of() : List.copyOf(flags);
    }
}
