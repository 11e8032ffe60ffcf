package org.slurmworkbench.slurm;

/**
 * One association of the fairshare tree as {@code sshare -a -l} shows it (from {@code GET /slurm/vX/shares}, v0.0.40+):
 * an account ({@code user} false; {@code name} is the account, {@code parent} its parent account, empty for root) or a
 * user ({@code user} true; {@code name} is the user, {@code parent} the account). Null where Slurm leaves the value unset
 * and sshare prints nothing: root's raw shares and normalized usage, and the fairshare factor of accounts (Slurm computes
 * it for users only). {@code levelFsInfinite} is true where sshare prints "inf" (no usage yet); {@code levelFs} is then null.
 */
public record Share(int id, String name, String parent, String partition, boolean user,
                    Long rawShares, Double normShares, long rawUsage, Double normUsage, Double effectiveUsage,
                    Double fairshare, Double levelFs, boolean levelFsInfinite) {

    /** The account this row belongs to: its own name for an account, the parent for a user. */
    public String account() {
        return user ? parent : name;
    }
}
