package org.slurmworkbench.slurm.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slurmworkbench.slurm.AccountingJob;
import org.slurmworkbench.slurm.AccountingQuery;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.QosChange;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmClient;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.rest.RestTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * Records what each running lab release answers, for every endpoint the client uses and every API version
 * the release serves, into {@code src/test/resources/recorded/<release>/<version>/<call>.json}. The calls go
 * through the client itself, so a recording shows exactly what the adapters read. Run it with
 * {@code ./wb record}; unit tests then parse every recorded file. {@code ./wb record CALL...} records only those
 * calls (e.g. {@code accounting-hetjob}) and keeps every other file and index line as it was.
 */
public final class RecordResponses {

    private static final String LAB_SCRIPT = System.getProperty("wb.lab.script", "lab/lab");

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/recorded");
        Set<String> only = args.length > 1 ? Set.copyOf(List.of(args).subList(1, args.length)) : Set.of();
        for (LabCluster lab : LabCluster.all()) {
            SlurmClient client = lab.client(Duration.ofMinutes(5));
            // One heterogeneous job per cluster, run to its end before any version reads it back.
            Supplier<AccountingQuery> hetJob = memoize(() -> runHetJob(lab, client));
            Supplier<Long> failedJob = memoize(() -> runFailedJob(lab, client));
            for (ApiVersion version : client.info().servedVersions()) {
                if (SlurmClient.SUPPORTED.contains(version)) {
                    record(lab, client, version, out.resolve(lab.series()).resolve(version.toString()), only, hetJob,
                            failedJob);
                }
            }
        }
    }

    private static void record(LabCluster lab, SlurmClient client, ApiVersion version, Path dir, Set<String> only,
                               Supplier<AccountingQuery> hetJob, Supplier<Long> failedJob) throws IOException {
        Files.createDirectories(dir);
        List<String> index = new ArrayList<>();
        SlurmApi admin = client.as(lab.adminUser(), version);
        SlurmApi user = client.as(lab.users().getFirst(), version);
        String script = "#!/bin/bash\nsleep 30\n";
        Map<String, Runnable> calls = new java.util.LinkedHashMap<>();
        long[] ids = new long[4];
        calls.put("ping", admin::ping);
        calls.put("diag", admin::diag);
        calls.put("nodes", admin::nodes);
        calls.put("partitions", admin::partitions);
        calls.put("submit-single", () -> ids[0] = user.submit(JobSubmission.builder(script).name("rec-single").workDir("/tmp").build()).jobId());
        calls.put("submit-array", () -> ids[1] = user.submit(JobSubmission.builder(script).name("rec-array").array("0-3%2").workDir("/tmp").build()).jobId());
        calls.put("submit-gpu", () -> ids[2] = user.submit(JobSubmission.builder(script).name("rec-gpu").partition("gpu")
                .qos(lab.gpuQos()).gpusPerNode(1).workDir("/tmp").build()).jobId());
        calls.put("submit-held", () -> ids[3] = user.submit(JobSubmission.builder(script).name("rec-held").hold(true).workDir("/tmp").build()).jobId());
        calls.put("jobs", admin::jobs);
        calls.put("job-single", () -> admin.job(ids[0]));
        calls.put("job-array", () -> admin.job(ids[1]));
        calls.put("job-gpu", () -> admin.job(ids[2]));
        calls.put("cancel", () -> user.cancel(ids[0]));
        calls.put("job-cancelled", () -> admin.job(ids[0]));
        calls.put("error-unknown-job", () -> admin.job(999_999_999L));
        calls.put("accounting-jobs", () -> admin.accountingJobs(AccountingQuery.between(Instant.now().minus(Duration.ofDays(2)), Instant.now())));
        calls.put("accounting-hetjob", () -> admin.accountingJobs(hetJob.get()));
        calls.put("accounting-failed", () -> admin.accountingJobs(AccountingQuery.ofJob(failedJob.get())));
        calls.put("qos", admin::qos);
        calls.put("associations", admin::associations);
        calls.put("error-qos-denied", () -> user.saveQos(QosChange.named(lab.gpuQos()).withMaxJobsPerUser(50)));
        calls.put("accounts", () -> {
            // The recording must show a coordinator; the lab has none of its own, so bob coordinates physics briefly.
            sacctmgr(lab, "add");
            try {
                admin.accounts();
            } finally {
                sacctmgr(lab, "remove");
            }
        });
        if (!only.isEmpty()) {
            calls.keySet().retainAll(only);
        }
        if (calls.containsKey("accounting-hetjob")) {
            hetJob.get(); // runs the job (once per cluster) before recording starts, so its polling is not recorded
        }
        if (calls.containsKey("accounting-failed")) {
            failedJob.get();
        }
        String[] current = {""};
        client.transport().listener((method, path, status, body) -> {
            index.add(current[0] + "\t" + method + "\t" + path + "\t" + status);
            write(dir.resolve(current[0] + ".json"), body);
        });
        calls.forEach((name, call) -> {
            current[0] = name;
            try {
                call.run();
            } catch (SlurmException e) {
                // Error answers are recorded too; the index says which call failed and how.
                index.add(name + "\t# " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
        // Stop recording first: the clean-up answers must not overwrite the last call's file.
        client.transport().listener(null);
        for (long id : ids) {
            if (id == 0) {
                continue; // not submitted in this run (only some calls were recorded)
            }
            try {
                admin.cancel(id);
            } catch (SlurmException ignored) {
                // Already finished or cancelled: nothing to clean up.
            }
        }
        if (!only.isEmpty() && Files.exists(dir.resolve("index.tsv"))) {
            // Keep the lines of the calls not recorded this time, in their place; the new ones go last.
            List<String> kept = Files.readAllLines(dir.resolve("index.tsv")).stream()
                    .filter(line -> !calls.containsKey(line.split("\t", 2)[0])).toList();
            index.addAll(0, kept);
        }
        Files.write(dir.resolve("index.tsv"), index);
        System.out.println("recorded " + lab + " " + version + " (" + calls.keySet() + ") into " + dir);
    }

    /**
     * Runs a heterogeneous job (2 + 3 CPUs) as the first user and waits until slurmdbd has both components ended.
     * @return a window around it, filtered to its id (the recorded body holds the whole window)
     */
    private static AccountingQuery runHetJob(LabCluster lab, SlurmClient client) {
        Instant submitted = Instant.now().minusSeconds(1);
        long id = HetJobs.submit(lab, LAB_SCRIPT, lab.users().getFirst(), HetJobs.script("rec-hetjob", 2, 3, 3));
        List<AccountingJob> ended = HetJobs.awaitEnded(client.as(lab.adminUser()), id, 2, submitted, Duration.ofMinutes(3));
        Instant end = ended.stream().map(AccountingJob::endTime).max(Instant::compareTo).orElseThrow();
        return AccountingQuery.between(submitted, end.plusSeconds(1)).withJobIds(id);
    }

    /** Runs a job that exits with 3 (sacct: FAILED 3:0) as the first user until slurmdbd has its end. @return its id */
    private static long runFailedJob(LabCluster lab, SlurmClient client) {
        Instant submitted = Instant.now().minusSeconds(1);
        long id = HetJobs.submit(lab, LAB_SCRIPT, lab.users().getFirst(), """
                #!/bin/bash
                #SBATCH --job-name=rec-failed
                #SBATCH --chdir=/tmp
                #SBATCH --output=/dev/null
                #SBATCH --time=5
                exit 3
                """);
        HetJobs.awaitEnded(client.as(lab.adminUser()), id, 1, submitted, Duration.ofMinutes(3));
        return id;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        Object[] value = {null};
        return () -> {
            if (value[0] == null) {
                value[0] = supplier.get();
            }
            @SuppressWarnings("unchecked")
            T t = (T) value[0];
            return t;
        };
    }

    /** {@code sacctmgr -i add|remove coordinator account=physics names=bob} in the release's environment. */
    private static void sacctmgr(LabCluster lab, String verb) {
        try {
            Process p = new ProcessBuilder(LAB_SCRIPT, "sh", lab.series(), "sacctmgr", "-i", verb, "coordinator",
                    "account=physics", "names=bob").inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(LAB_SCRIPT + " sh " + lab.series() + " sacctmgr " + verb + " coordinator failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + LAB_SCRIPT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, byte[] body) {
        try {
            if (body == null || body.length == 0) {
                Files.writeString(file, "");
                return;
            }
            JsonNode json = RestTransport.JSON.readTree(body);
            Files.writeString(file, RestTransport.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        } catch (RuntimeException e) {
            try {
                Files.write(file, body);
            } catch (IOException io) {
                throw new IllegalStateException("cannot write " + file, io);
            }
        }
    }
}
