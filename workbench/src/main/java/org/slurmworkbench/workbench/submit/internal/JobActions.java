package org.slurmworkbench.workbench.submit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.JobUpdate;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.accounting.FinishedJob;
import org.slurmworkbench.workbench.accounting.FinishedJobs;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.AccountAccess;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.shared.Problems;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Reading and acting on jobs for the API and the pages. A user acts on their own Slurm user's jobs; an account
 * coordinator also on the jobs of the accounts they coordinate (as Slurm itself allows); an admin on any. Seeing
 * reaches further as the cluster's {@code visible-jobs} says (paths and environment stay with owners and admins); a
 * seen job one may not act on is a 403. Any job one may not see is answered exactly like a job that does not exist
 * (404), so ids cannot be probed, and nothing is sent to Slurm for it. Actions go to Slurm as the caller's own
 * Slurm user, so Slurm checks the same right again.
 */
@Component
class JobActions {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobActions.class);

    private final Clusters clusters;
    private final ClusterJobs clusterJobs;
    private final AccountAccess access;
    private final JobScriptStore scripts;
    private final FinishedJobs finishedJobs;

    private static final java.util.regex.Pattern SLURM_USER = java.util.regex.Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,63}");

    /**
     * How old the shared job list may be for a job's page and API while it is renewed: the page asks again every
     * 3 s, so it shows the renewed list then; a viewer never waits for the list of a big cluster (20,000 jobs: 20 s).
     */
    private static final Duration SHARED_LIST_STALE = Duration.ofSeconds(30);

    /** The most finished records one list reads; a user with more in the range sees the newest. */
    static final int MAX_FINISHED = 20_000;
    /** Jobs looked up one by one in slurmdbd per list: between two syncs only a few end unseen by the copy. */
    private static final int MAX_HANDOVER_LOOKUPS = 50;
    private static final Comparator<JobView> NEWEST_FIRST = Comparator.comparingLong(
            (JobView j) -> j.arrayJobId() != null ? j.arrayJobId() : j.hetJobId() != null ? j.hetJobId() : j.jobId())
            .thenComparingLong(JobView::jobId).reversed();

    JobActions(Clusters clusters, ClusterJobs clusterJobs, AccountAccess access, JobScriptStore scripts,
               FinishedJobs finishedJobs) {
        this.clusters = clusters;
        this.clusterJobs = clusterJobs;
        this.access = access;
        this.scripts = scripts;
        this.finishedJobs = finishedJobs;
    }

    /**
     * The script of a job submitted through the workbench, for its owner and admins only (coordinators see the job,
     * not its script); anyone else, and a job the workbench did not submit, get a 404. An array task's script is
     * its array's, found through the task's record while slurmctld still knows it.
     */
    String script(String cluster, WorkbenchUser me, JobRef ref) {
        return readableScript(cluster, me, ref).orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No script",
                "No script of job " + ref + " you may read on cluster " + cluster
                        + " (only jobs submitted through the workbench keep theirs)."));
    }

    /** The script if the caller may read it; empty otherwise (see {@link #script}). */
    Optional<String> readableScript(String cluster, WorkbenchUser me, JobRef ref) {
        Optional<JobScriptStore.Stored> stored = scripts.find(cluster, ref.jobId());
        if (stored.isEmpty() && ref.task() == null) {
            // an array task asked for by its own id: the script is its array's (while the shared list holds the task)
            stored = held(cluster, ref.jobId()).stream().map(Job::arrayJobId)
                    .filter(id -> id != null && id != ref.jobId()).findFirst().flatMap(id -> scripts.find(cluster, id));
        }
        return stored.filter(s -> me.isAdmin() || s.slurmUser().equals(me.slurmUser())).map(JobScriptStore.Stored::script);
    }

    /**
     * The jobs of {@code user} (default: the caller's Slurm user): those slurmctld holds and those that ended in the
     * last {@code days} days, one record each (slurmctld's while it holds one), newest first. Naming another user is
     * for admins (all their jobs) and coordinators (their jobs in the coordinated accounts); anyone else gets a 403.
     */
    List<JobView> list(String cluster, WorkbenchUser me, String user, int days) {
        String who = user == null || user.isBlank() ? me.slurmUser() : user.strip();
        if (!SLURM_USER.matcher(who).matches()) {
            throw FieldProblems.invalid("user", "must be a Slurm user name (letters, digits, '.', '_', '-'; at most 64)");
        }
        if (!who.equals(me.slurmUser()) && !me.isAdmin() && access.coordinated(cluster, me).isEmpty()) {
            throw problem(HttpStatus.FORBIDDEN, "Not allowed",
                    "Only an admin or an account coordinator may list another user's jobs.");
        }
        Instant now = Instant.now();
        List<JobView> live = clusterJobs.jobs(cluster).stream().filter(j -> who.equals(j.user()))
                .filter(j -> access.mayActOn(cluster, me, j.user(), j.account())).map(j -> JobView.of(j, now)).toList();
        Set<Long> held = live.stream().map(JobView::jobId).collect(Collectors.toSet());
        Instant since = now.minus(Duration.ofDays(days));
        Map<Long, FinishedJob> finished = new LinkedHashMap<>();
        finishedJobs.endedSince(cluster, who, since, MAX_FINISHED).forEach(j -> finished.put(j.jobId(), j));
        // the copy's last sync saw these running; slurmctld has let them go since: no gap while the copy catches up
        finishedJobs.notEndedInCopy(cluster, who).stream().filter(id -> !held.contains(id) && !finished.containsKey(id))
                .limit(MAX_HANDOVER_LOOKUPS).forEach(id -> finishedJobs.records(cluster, id).stream()
                        .filter(j -> j.jobId() == id && j.ended() && !j.endTime().isBefore(since))
                        .forEach(j -> finished.put(id, j)));
        List<JobView> ended = finished.values().stream()
                .filter(j -> !held.contains(j.jobId()) && access.mayActOn(cluster, me, j.user(), j.account()))
                .map(JobView::of).toList();
        // slurmctld keeps an ended job a while (MinJobAge) without what its steps used: the accounting record has it
        List<JobView> shown = live.stream().map(j -> finished.containsKey(j.jobId())
                ? j.withUsageOf(finished.get(j.jobId())) : j).toList();
        return Stream.concat(shown.stream(), ended.stream()).sorted(NEWEST_FIRST).map(j -> j.seenBy(me)).toList();
    }

    /**
     * Every record the id names that the caller may see: slurmctld's while it holds them, then the finished ones
     * from accounting (an array whose first tasks slurmctld already forgot is the union of both). A 404 when none.
     */
    List<JobView> views(String cluster, WorkbenchUser me, JobRef ref) {
        Instant now = Instant.now();
        // the shared job list (renewed in the background while it is read) rather than a call per page view: fifty
        // viewers of ended jobs made fifty calls a second that slurmctld could only answer "no such job"
        List<JobView> live = views(held(cluster, ref.jobId()), ref, now);
        List<JobView> ended = live.isEmpty() || live.stream().anyMatch(j -> j.arrayJobId() != null || j.hetJobId() != null)
                ? finishedJobs.records(cluster, ref.jobId()).stream().map(JobView::of).filter(ref::names).toList()
                : List.of();
        if (live.isEmpty() && (ended.isEmpty() || ended.stream().anyMatch(JobView::active))) {
            // newer than the shared list (submitted elsewhere a moment ago): slurmctld itself
            live = views(live(cluster, ref.jobId()), ref, now);
        }
        Set<Long> held = live.stream().map(JobView::jobId).collect(Collectors.toSet());
        List<JobView> records = Stream.concat(live.stream(), ended.stream().filter(j -> !held.contains(j.jobId()))).toList();
        if (records.isEmpty() || !records.stream().allMatch(j -> access.maySee(cluster, me, j.user(), j.account()))) {
            throw notFound(cluster, ref);
        }
        if (records.size() == 1 && !records.getFirst().active() && records.getFirst().steps().isEmpty()) {
            records = List.of(withSteps(cluster, records.getFirst()));
        }
        return records.stream().sorted(Comparator.comparingLong(JobView::jobId)).map(j -> j.seenBy(me)).toList();
    }

    /** One ended record with the steps slurmdbd recorded; without them when slurmdbd cannot say now. */
    private JobView withSteps(String cluster, JobView ended) {
        try {
            return ended.withSteps(finishedJobs.steps(cluster, ended.jobId()));
        } catch (SlurmException e) {
            log.warn("Steps of job {} on cluster {} not read from slurmdbd: {}", ended.id(), cluster, e.getMessage());
            return ended;
        }
    }

    private static List<JobView> views(List<Job> jobs, JobRef ref, Instant now) {
        return jobs.stream().map(j -> JobView.of(j, now)).filter(ref::names).toList();
    }

    /** The records of a job id in the shared job list: the job, or an array's or het job's records. */
    private List<Job> held(String cluster, long jobId) {
        return clusterJobs.jobsOrLast(cluster, SHARED_LIST_STALE).stream().filter(j -> j.jobId() == jobId
                || j.isArray() && j.arrayJobId() == jobId || j.hetJobId() != null && j.hetJobId() == jobId).toList();
    }

    private List<Job> live(String cluster, long jobId) {
        try {
            return clusters.asServiceUser(cluster).job(jobId);
        } catch (SlurmException.NotFound e) {
            return List.of(); // finished and forgotten by slurmctld (or never existed)
        }
    }

    /**
     * The records an action may go to: the job's, while slurmctld holds it and it has not ended. A job the caller may
     * see that has ended is a 409 saying so (Slurm would refuse it anyway); one they may not see is a 404.
     */
    private List<JobView> actionable(String cluster, WorkbenchUser me, JobRef ref, String action) {
        List<JobView> records = views(cluster, me, ref);
        if (!records.stream().allMatch(j -> access.mayActOn(cluster, me, j.user(), j.account()))) {
            // seen through visible-jobs, not one's own: Slurm would refuse it too
            throw problem(HttpStatus.FORBIDDEN, "Not allowed", "Only the job's owner, a coordinator of its account or an "
                    + "admin may " + action + " job " + ref + ".");
        }
        List<JobView> active = records.stream().filter(j -> j.live() && j.active()).toList();
        if (active.isEmpty()) {
            JobView last = records.getLast();
            throw problem(HttpStatus.CONFLICT, "Job has ended",
                    "Job " + ref + " has ended (" + last.state() + "); there is nothing to " + action + ".");
        }
        return active;
    }

    /** Cancels a job, a whole array, or one array task (pending or running), as the caller's own Slurm user. */
    void cancel(String cluster, WorkbenchUser me, JobRef ref) {
        List<JobView> records = actionable(cluster, me, ref, "cancel");
        if (ref.task() == null) {
            clusters.as(cluster, me.slurmUser()).cancel(ref.jobId());
        } else {
            Long arrayJobId = records.getFirst().arrayJobId();
            clusters.as(cluster, me.slurmUser()).cancelTask(arrayJobId == null ? ref.jobId() : arrayJobId, ref.task());
        }
    }

    /** Holds ({@code true}) or releases a job, array or started task, as the caller's own Slurm user. */
    void hold(String cluster, WorkbenchUser me, JobRef ref, boolean hold) {
        long target = target(actionable(cluster, me, ref, hold ? "hold" : "release"), ref);
        clusters.as(cluster, me.slurmUser()).update(target, JobUpdate.hold(hold));
    }

    /**
     * The job id to send: the job's own id, or for one array task the id of its own record. A task still inside
     * the pending array record has no id of its own yet; the client cannot address it alone, which is said plainly.
     */
    private static long target(List<JobView> records, JobRef ref) {
        if (ref.component() != null) {
            return records.getFirst().jobId();
        }
        if (ref.task() == null) {
            return ref.jobId();
        }
        return records.stream().filter(j -> ref.task().equals(j.arrayTaskId())).findFirst().map(JobView::jobId)
                .orElseThrow(() -> problem(HttpStatus.CONFLICT, "Task not started",
                        "Task " + ref + " is still pending inside its array; act on the whole array " + ref.jobId()
                                + " or wait until the task starts."));
    }

    private static ErrorResponseException notFound(String cluster, JobRef ref) {
        return problem(HttpStatus.NOT_FOUND, "No such job", "No job " + ref + " you may see on cluster " + cluster + ".");
    }

    static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        return Problems.exception(status, title, detail);
    }
}
