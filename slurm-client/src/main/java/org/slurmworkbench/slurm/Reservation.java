package org.slurmworkbench.slurm;

import java.time.Instant;
import java.util.List;

/**
 * A reservation as {@code scontrol show res} shows it: {@code nodes} as Slurm writes the host list ("c[1-2]"),
 * {@code users} and {@code accounts} as lists, {@code flags} upper case (MAINT, IGNORE_JOBS, SPEC_NODES, ...),
 * {@code tres} Slurm's TRES string ("cpu=32"). Null where the reservation does not set it.
 */
public record Reservation(String name, String nodes, int nodeCount, int coreCount, List<String> users,
                          List<String> accounts, Instant start, Instant end, List<String> flags, String tres,
                          String partition, String features) {

    public Reservation {
        users = users == null ? List.of() : List.copyOf(users);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** Whether it is in effect at {@code now} (started and not ended). */
    public boolean activeAt(Instant now) {
        return (start == null || !start.isAfter(now)) && (end == null || end.isAfter(now));
    }
}
