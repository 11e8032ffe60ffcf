package org.slurmworkbench.workbench.glidein.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.shared.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Sends checked glidein requests to Slurm and follows them, for the API and the pages. A request becomes one job
 * array named {@code wb-glidein-<id>} of the caller's own Slurm user. Who may see a request: its owner, and admins;
 * anyone else gets the same 404 as for a request that does not exist, and nothing is sent to Slurm for it. Logs
 * carry ids, never the token.
 */
@Component
class GlideinFactory {

    private static final Logger log = LoggerFactory.getLogger(GlideinFactory.class);
    static final String NAME_PREFIX = "wb-glidein-";

    private final Clusters clusters;
    private final ClusterJobs clusterJobs;
    private final GlideinRequestStore requests;

    GlideinFactory(Clusters clusters, ClusterJobs clusterJobs, GlideinRequestStore requests) {
        this.clusters = clusters;
        this.clusterJobs = clusterJobs;
        this.requests = requests;
    }

    /** A request and its pilots as Slurm holds them now (empty once slurmctld forgot the finished array). */
    record Glidein(GlideinRequestStore.Stored request, List<Pilot> pilots) {

        public boolean active() {
            return pilots.stream().anyMatch(Pilot::active);
        }
    }

    static String jobName(long id) {
        return NAME_PREFIX + id;
    }

    /** Submits {@code r} (already checked; {@code minutes} its time limit) and answers the stored request. */
    GlideinRequestStore.Stored submit(String cluster, WorkbenchUser me, GlideinRequest r, int minutes) {
        long id = requests.insert(cluster, me.username(), me.slurmUser(), r);
        SubmitResult result;
        try {
            result = clusters.as(cluster, me.slurmUser()).submit(submission(id, r, minutes));
        } catch (RuntimeException e) {
            requests.delete(id);
            throw e;
        }
        requests.submitted(id, result.jobId());
        log.info("Submitted glidein request {} on {} as {}: {} pilots for pool {} as array {}", id, cluster, me.slurmUser(),
                r.count(), r.pool(), result.jobId());
        return requests.find(cluster, id).orElseThrow();
    }

    static JobSubmission submission(long id, GlideinRequest r, int minutes) {
        String name = jobName(id);
        JobSubmission.Builder b = JobSubmission.builder(PilotScript.render(name, r, minutes)).name(name)
                .comment("wb-glidein " + id + " pool " + r.pool()).array("0-" + (r.count() - 1)).nodes(1).tasks(1)
                .cpusPerTask(r.cpusOrDefault()).timeLimitMinutes(minutes).partition(blankToNull(r.partition()))
                .account(blankToNull(r.account())).qos(blankToNull(r.qos()))
                .workDir(GlideinRequest.present(r.workDir()) ? r.workDir() : "/tmp").standardOutput(name + "-%A_%a.out")
                .env("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin").env("LANG", "C.UTF-8");
        if (r.gpus() != null && r.gpus() > 0) {
            b.gpusPerNode(r.gpus());
        }
        if (r.memoryMb() != null) {
            b.memoryPerNodeMb(r.memoryMb().longValue());
        }
        if (GlideinRequest.present(r.token())) {
            b.env("GLIDEIN_TOKEN", r.token().strip());
        }
        return b.build();
    }

    /** One request the caller may see, with its pilots. */
    Glidein get(String cluster, WorkbenchUser me, long id) {
        GlideinRequestStore.Stored s = visible(cluster, me, id);
        return new Glidein(s, pilots(cluster, s));
    }

    /**
     * The caller's requests on the cluster (an admin's list: everyone's), newest first, with their pilots from the
     * one shared job list (one read for all requests, not one per request).
     */
    List<Glidein> list(String cluster, WorkbenchUser me) {
        clusters.status(cluster); // an unknown cluster is a 404
        List<Job> all = clusterJobs.jobs(cluster);
        Instant now = Instant.now();
        return requests.list(cluster, me.isAdmin() ? null : me.username(), 100).stream()
                .map(s -> new Glidein(s, pilots(s, all.stream().filter(j -> s.arrayJobId().equals(j.arrayJobId())), now)))
                .toList();
    }

    /** Cancels every pilot of the request still in Slurm, as the caller's own Slurm user. */
    void cancel(String cluster, WorkbenchUser me, long id) {
        GlideinRequestStore.Stored s = visible(cluster, me, id);
        try {
            clusters.as(cluster, me.slurmUser()).cancel(s.arrayJobId());
        } catch (SlurmException.NotFound e) {
            // slurmctld forgot the array: every pilot has ended already.
        }
        requests.cancelled(id);
        log.info("Cancelled glidein request {} (array {}) on {} as {}", id, s.arrayJobId(), cluster, me.slurmUser());
    }

    private GlideinRequestStore.Stored visible(String cluster, WorkbenchUser me, long id) {
        clusters.status(cluster);
        return requests.find(cluster, id).filter(s -> me.isAdmin() || s.owner().equals(me.username()))
                .orElseThrow(() -> notFound(cluster, id));
    }

    private List<Pilot> pilots(String cluster, GlideinRequestStore.Stored s) {
        List<Job> records;
        try {
            records = clusters.asServiceUser(cluster).job(s.arrayJobId());
        } catch (SlurmException.NotFound e) {
            records = List.of();
        }
        return pilots(s, records.stream(), Instant.now());
    }

    private static List<Pilot> pilots(GlideinRequestStore.Stored s, Stream<Job> records, Instant now) {
        return records.filter(j -> s.name().equals(j.name()))
                .sorted(Comparator.comparing((Job j) -> j.arrayTaskId() == null ? Integer.MAX_VALUE : j.arrayTaskId()))
                .map(j -> Pilot.of(j, now)).toList();
    }

    static ErrorResponseException notFound(String cluster, long id) {
        return Problems.exception(HttpStatus.NOT_FOUND, "No such glidein request",
                "No glidein request " + id + " you may see on cluster " + cluster + ".");
    }

    private static String blankToNull(String s) {
        return GlideinRequest.present(s) ? s.strip() : null;
    }
}
