package org.slurmworkbench.workbench.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.AccountingQuery;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;

/**
 * A small known workload on a real lab cluster: jobs of alice (one with 2 CPUs, a 2-task array with 1 CPU each) and
 * carol (3 CPUs), all named {@code tag}, run to completion in slurmdbd. And what sacct says about them.
 */
record LabWorkload(LabCluster lab, String tag, Instant submitted, List<Long> jobIds) {

    static LabWorkload run(LabCluster lab) {
        return run(lab, "acctit-");
    }

    /** The workload with its jobs named {@code prefix} + a unique suffix. */
    static LabWorkload run(LabCluster lab, String prefix) {
        String tag = prefix + Long.toString(System.nanoTime(), 36);
        Instant submitted = Instant.now();
        SlurmClient client = lab.client();
        SlurmApi alice = client.as("alice");
        SlurmApi carol = client.as("carol");
        List<Long> ids = new ArrayList<>();
        ids.add(alice.submit(job(tag, 2, 3).build()).jobId());
        ids.add(alice.submit(job(tag, 1, 2).array("0-1").build()).jobId());
        ids.add(carol.submit(job(tag, 3, 2).build()).jobId());
        LabWorkload w = new LabWorkload(lab, tag, submitted, ids);
        w.awaitCompletedInSlurmdbd(client.as(lab.adminUser()));
        return w;
    }

    private static JobSubmission.Builder job(String tag, int cpus, int seconds) {
        return JobSubmission.builder("#!/bin/bash\nsleep " + seconds + "\n").name(tag).tasks(1).cpusPerTask(cpus)
                .timeLimitMinutes(5).workDir("/tmp").standardOutput("/dev/null");
    }

    /** slurmdbd records the end a little after slurmctld: wait until all 4 records are COMPLETED there. */
    private void awaitCompletedInSlurmdbd(SlurmApi admin) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        List<AccountingJob> jobs = List.of();
        while (Instant.now().isBefore(deadline)) {
            jobs = admin.accountingJobs(AccountingQuery.between(submitted.minusSeconds(60), Instant.now().plusSeconds(60))
                    .withJobIds(jobIds.toArray(Long[]::new)));
            if (jobs.size() == 4 && jobs.stream().allMatch(j -> j.state().equals("COMPLETED") && j.endTime() != null)) {
                return;
            }
            sleep(2000);
        }
        throw new AssertionError(lab + ": jobs " + jobIds + " not all COMPLETED in slurmdbd: " + jobs);
    }

    /** sacct's CPUTimeRAW summed per "user/account" for this workload's jobs, job allocations only (-X). */
    Map<String, Long> sacctCpuSeconds() {
        return sacctCpuSeconds("now-2hours", "now");
    }

    /** The same, for jobs that sacct finds between {@code start} and {@code end} (sacct's own time syntax). */
    Map<String, Long> sacctCpuSeconds(String start, String end) {
        List<String> lines = labSh("sacct", "-X", "-n", "-P", "-a", "-o", "JobID,JobName,User,Account,CPUTimeRAW,State",
                "-S", start, "-E", end, "--name=" + tag);
        Map<String, Long> out = new TreeMap<>();
        int records = 0;
        for (String line : lines) {
            String[] f = line.split("\\|", -1);
            if (f.length < 6 || !f[1].equals(tag)) {
                continue;
            }
            records++;
            out.merge(f[2] + "/" + f[3], Long.parseLong(f[4]), Long::sum);
        }
        assertThat(records).as("sacct records of %s on %s: %s", tag, lab, lines).isEqualTo(4);
        return out;
    }

    private List<String> labSh(String... command) {
        return LabShell.run(lab, command).lines().toList();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
