package org.slurmworkbench.slurm.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.AccountingQuery;
import org.slurmworkbench.slurm.SlurmApi;

/**
 * A real heterogeneous job on a lab cluster: two components in one batch script separated by {@code #SBATCH hetjob},
 * submitted with {@code sbatch} through {@code lab sh} (the client submits no heterogeneous jobs). slurmdbd keeps one
 * record per component, each with its own job id; {@code sbatch --parsable} prints the leader's.
 */
public final class HetJobs {

    private HetJobs() {
    }

    /** Component 0 with {@code cpus0} CPUs, component 1 with {@code cpus1}, both one task sleeping {@code seconds}. */
    public static String script(String name, int cpus0, int cpus1, int seconds) {
        return """
                #!/bin/bash
                #SBATCH --job-name=%s
                #SBATCH --chdir=/tmp
                #SBATCH --output=/dev/null
                #SBATCH --time=5
                #SBATCH --ntasks=1 --cpus-per-task=%d --mem=100
                #SBATCH hetjob
                #SBATCH --ntasks=1 --cpus-per-task=%d --mem=100
                sleep %d
                """.formatted(name, cpus0, cpus1, seconds);
    }

    /**
     * {@code lab/lab sh <series> --user <user> sbatch --parsable} with the script on stdin (the chroot releases do not
     * see the host's files). @return the heterogeneous job's id (its leader's)
     */
    public static long submit(LabCluster lab, String labScript, String user, String script) {
        List<String> cmd = List.of(labScript, "sh", lab.series(), "--user", user, "sbatch", "--parsable");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(script.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.matches("\\d+(;\\S+)?")) {
                throw new IllegalStateException(cmd + " failed: " + out);
            }
            return Long.parseLong(out.split(";")[0]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until slurmdbd has {@code components} ended records of heterogeneous job {@code id} (slurmdbd records an
     * end a little after slurmctld). @return those records
     */
    public static List<AccountingJob> awaitEnded(SlurmApi admin, long id, int components, Instant submitted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<AccountingJob> jobs = List.of();
        while (Instant.now().isBefore(deadline)) {
            jobs = admin.accountingJobs(AccountingQuery.between(submitted.minusSeconds(60), Instant.now().plusSeconds(60))
                    .withJobIds(id));
            if (jobs.size() == components && jobs.stream().allMatch(j -> j.endTime() != null && !j.state().equals("RUNNING"))) {
                return jobs;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("heterogeneous job " + id + " did not end in slurmdbd within " + timeout + ": " + jobs);
    }
}
