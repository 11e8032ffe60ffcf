/**
 * Fairshare: the tree of accounts and users with raw and normalized shares, raw and effective usage and the fairshare
 * factor, as {@code sshare -a -l} shows it, from slurmrestd's {@code /shares} (v0.0.40+; Slurm 22.05's v0.0.38 does not
 * offer it, which the page says and the API answers with 501). Admins see every row; other users every account and, of
 * the users, themselves and the users of the accounts they coordinate. Page {@code /fairshare}, API
 * {@code /api/v1/clusters/{cluster}/fairshare}. Reads Slurm only through {@code cluster.Clusters}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Fairshare")
package org.slurmworkbench.workbench.fairshare;
