package org.slurmworkbench.slurm;

import java.util.List;

/**
 * A Slurm account in slurmdbd and the users who coordinate it ({@code sacctmgr add coordinator}): Slurm lets a
 * coordinator see, cancel, hold and release the jobs of their accounts.
 */
public record Account(String name, String description, String organization, List<String> coordinators) {

    public Account {
        coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
    }
}
