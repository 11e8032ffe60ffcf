/**
 * Accounting ("Cosmos"): jobs synced from slurmdbd (through {@code Clusters}, as each cluster's service user) into
 * MariaDB with a daily rollup, grouped usage and job search at {@code /api/v1/accounting/*} (JSON or CSV), and the
 * accounting page. Queries never reach slurmdbd.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounting (Cosmos)")
package org.slurmworkbench.workbench.accounting;
