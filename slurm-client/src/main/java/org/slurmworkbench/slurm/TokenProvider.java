package org.slurmworkbench.slurm;

/**
 * Supplies the JWT to send for a Slurm user. Implementations cache and renew; the client calls
 * {@link #invalidate} when slurmrestd rejects a token so the next call gets a fresh one.
 */
public interface TokenProvider {

    String tokenFor(String slurmUser);

    default void invalidate(String slurmUser) {
    }
}
