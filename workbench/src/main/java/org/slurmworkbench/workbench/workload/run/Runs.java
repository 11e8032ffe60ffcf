package org.slurmworkbench.workbench.workload.run;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.submit.SubmitTestUsers;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.slurmworkbench.workbench.workload.plan.InvalidWorkloadException;
import org.slurmworkbench.workbench.workload.plan.PlanSources;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.slurmworkbench.workbench.workload.plan.WorkloadPlan;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * What people do with runs (create, start, pause, resume, cancel, delete, watch), with the rules: only admins change
 * runs, and only with the configured test users; only admins (and a run's creator) may look at a run, its analysis
 * and comparisons, since they show every job's user and times. The API and the pages both come here.
 */
@Service
public class Runs {

    private static final Logger log = LoggerFactory.getLogger(Runs.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    /** A run with its progress, as the API answers it; {@code over} once it is DONE or CANCELLED. */
    public record RunView(Run run, Progress progress, boolean over) {
        RunView(Run run, Progress progress) {
            this(run, progress, run.state().isFinal());
        }
    }

    private final RunStore store;
    private final PlanSources sources;
    private final RunEngine engine;
    private final Clusters clusters;
    private final SubmitTestUsers testUsers;
    private final WorkloadProperties settings;
    private final JsonMapper json;
    private final RunSampler sampler;

    Runs(RunStore store, PlanSources sources, RunEngine engine, Clusters clusters, SubmitTestUsers testUsers,
         WorkloadProperties settings, JsonMapper json, RunSampler sampler) {
        this.sampler = sampler;
        this.store = store;
        this.sources = sources;
        this.engine = engine;
        this.clusters = clusters;
        this.testUsers = testUsers;
        this.settings = settings;
        this.json = json;
    }

    /**
     * Checks the request against the cluster list and the test users, makes the plan (from the generator's parameters
     * or the explicit jobs), then stores the run and all its jobs.
     */
    Run create(WorkbenchUser me, RunRequest request) {
        requireAdmin(me);
        checkCluster(request.cluster());
        int concurrency = concurrency(request.concurrency());
        int rateLimit = request.rateLimit() == null ? settings.rateLimit() : request.rateLimit();
        boolean scancel = Boolean.TRUE.equals(request.scancelOnCancel());
        if ((request.parameters() == null) == (request.jobs() == null)) {
            throw FieldProblems.invalid("jobs", "give either jobs or parameters (for the generator), not both");
        }
        if (request.parameters() != null) {
            try {
                WorkloadPlan plan = sources.generate(request.cluster(), request.parameters());
                return create(me, request.cluster(), plan, concurrency, rateLimit, scancel,
                        request.parameters().withSeed(plan.seed()));
            } catch (InvalidWorkloadException e) {
                throw RunProblems.invalid(e.errors());
            }
        }
        return create(me, request.cluster(), explicitPlan(request), concurrency, rateLimit, scancel, null);
    }

    /** A plan read from elsewhere (e.g. an uploaded SWF trace), with what it was read from and how. */
    public record Imported(WorkloadPlan plan, Object parameters) {
    }

    /** Reads a plan once the run's request has been checked. */
    @FunctionalInterface
    public interface Importer {

        /** @throws InvalidWorkloadException for bad options, answered as a 400 naming each field */
        Imported read() throws java.io.IOException;
    }

    /**
     * A run of a plan read from elsewhere (an uploaded SWF trace, see the {@code swf} package): the request is checked
     * first, then {@code importer} reads the plan, which is stored with what it was read from.
     */
    public Run create(WorkbenchUser me, String cluster, Integer concurrency, Integer rateLimit, Importer importer)
            throws java.io.IOException {
        requireAdmin(me);
        checkCluster(cluster);
        int c = concurrency(concurrency);
        if (rateLimit != null && rateLimit < 0) {
            throw FieldProblems.invalid("rateLimit", "must be 0 (no limit) or more");
        }
        try {
            Imported imported = importer.read();
            return create(me, cluster, imported.plan(), c, rateLimit == null ? settings.rateLimit() : rateLimit, false,
                    imported.parameters());
        } catch (InvalidWorkloadException e) {
            throw RunProblems.invalid(e.errors());
        }
    }

    private void checkCluster(String cluster) {
        if (!clusters.names().contains(cluster)) {
            throw FieldProblems.invalid("cluster", "is not a configured cluster");
        }
    }

    private int concurrency(Integer asked) {
        int concurrency = asked == null ? settings.concurrency() : asked;
        if (concurrency < 1 || concurrency > settings.maxConcurrency()) {
            throw FieldProblems.invalid("concurrency", "must be between 1 and " + settings.maxConcurrency());
        }
        return concurrency;
    }

    private WorkloadPlan explicitPlan(RunRequest request) {
        List<PlannedJob> jobs = new ArrayList<>();
        Set<Integer> seqs = new HashSet<>();
        for (int i = 0; i < request.jobs().size(); i++) {
            PlannedJob job = request.jobs().get(i).planned(i + 1);
            if (!testUsers.testUsers().contains(job.user())) {
                throw FieldProblems.invalid("jobs[" + i + "].user", "is not one of the test users ("
                        + String.join(", ", testUsers.testUsers()) + ")");
            }
            if (!seqs.add(job.seq())) {
                throw FieldProblems.invalid("jobs[" + i + "].seq", "repeats sequence number " + job.seq());
            }
            if (job.cpus() < job.nodes()) {
                throw FieldProblems.invalid("jobs[" + i + "].cpus", "must be at least the number of nodes");
            }
            jobs.add(job);
        }
        jobs.sort(java.util.Comparator.comparingLong(PlannedJob::submitOffsetMillis).thenComparingInt(PlannedJob::seq));
        return new WorkloadPlan(request.source() == null || request.source().isBlank() ? "api" : request.source(),
                request.seed() == null ? 0 : request.seed(), jobs);
    }

    /** Stores a plan that is already checked (e.g. one the generator made). */
    Run create(WorkbenchUser me, String cluster, WorkloadPlan plan, int concurrency, int rateLimit, boolean scancel,
               Object parameters) {
        requireAdmin(me);
        Run run = new Run(newId(), cluster, plan.source(), plan.seed(), parameters == null ? null : json.writeValueAsString(parameters),
                RunState.CREATED, concurrency, rateLimit, scancel, me.username(), Instant.now(), null, null, 0, null,
                null, null, null);
        store.create(run, plan);
        log.info("Run {} created by {} on {}: {} jobs from {}", run.id(), me.username(), cluster, plan.jobs().size(),
                plan.source());
        return run;
    }

    /**
     * A new run of the same plan (every job as planned, the same seed and source, what it was made from) on the same
     * cluster with the same concurrency, rate limit and cancel setting, created (not started) by {@code me}. Changing
     * runs is for admins, so repeating is too; the run must be one {@code me} may read.
     */
    Run repeat(WorkbenchUser me, String id) {
        requireAdmin(me);
        Run old = get(me, id);
        checkCluster(old.cluster());
        WorkloadPlan plan = new WorkloadPlan(old.source(), old.seed(), store.plannedJobs(id));
        Run run = new Run(newId(), old.cluster(), plan.source(), plan.seed(), old.parameters(), RunState.CREATED,
                old.concurrency(), old.rateLimit(), old.scancelOnCancel(), me.username(), Instant.now(), null, null, 0,
                null, null, null, null);
        store.create(run, plan);
        log.info("Run {} created by {} as a repeat of {}: {} jobs", run.id(), me.username(), id, plan.jobs().size());
        return run;
    }

    /** The newest runs, for admins only: a run holds its jobs' users and times. */
    List<RunView> list(WorkbenchUser me) {
        requireAdmin(me);
        return store.list(200).stream().map(r -> new RunView(r, progress(r))).toList();
    }

    Run get(String id) {
        return store.find(id).orElseThrow(() -> RunProblems.notFound(id));
    }

    /**
     * A run {@code me} may read: an admin any, anyone else only one they created; to others a run answers as one
     * that does not exist (404), as another user's job does.
     */
    public Run get(WorkbenchUser me, String id) {
        Run run = get(id);
        if (!me.isAdmin() && !me.username().equals(run.createdBy())) {
            throw RunProblems.notFound(id);
        }
        return run;
    }

    public RunView view(String id) {
        Run run = get(id);
        return new RunView(run, progress(run));
    }

    RunView view(WorkbenchUser me, String id) {
        Run run = get(me, id);
        return new RunView(run, progress(run));
    }

    /**
     * Starts the run: notes the cluster's capacity (for the utilization), the cluster's facts and a first /diag
     * reading, and hands it to the engine.
     */
    Run start(WorkbenchUser me, String id) {
        requireAdmin(me);
        Run run = get(id);
        if (run.state() != RunState.CREATED) {
            throw RunProblems.conflict(run, "start");
        }
        org.slurmworkbench.slurm.SlurmApi api = clusters.asServiceUser(run.cluster());
        List<Node> nodes = api.nodes();
        // before the first submission: what the run runs on and where the scheduler's counters stand
        sampler.started(id, run.cluster(), api, nodes);
        int cpus = nodes.stream().mapToInt(Node::cpus).sum();
        int gpus = nodes.stream().mapToInt(Node::gpus).sum();
        if (!store.start(id, Instant.now(), cpus, gpus)) {
            throw RunProblems.conflict(get(id), "start");
        }
        log.info("Run {} started by {}", id, me.username());
        engine.nudge();
        return get(id);
    }

    Run pause(WorkbenchUser me, String id) {
        requireAdmin(me);
        if (!store.pause(id, Instant.now())) {
            throw RunProblems.conflict(get(id), "pause");
        }
        return get(id);
    }

    Run resume(WorkbenchUser me, String id) {
        requireAdmin(me);
        if (!store.resume(id, Instant.now())) {
            throw RunProblems.conflict(get(id), "resume");
        }
        engine.nudge();
        return get(id);
    }

    /** A run not yet started is cancelled at once; a running one once its submitters have stopped. */
    Run cancel(WorkbenchUser me, String id, boolean scancel) {
        requireAdmin(me);
        Run run = get(id);
        if (run.state() == RunState.CREATED && store.transition(id, EnumSet.of(RunState.CREATED), RunState.CANCELLED)) {
            store.cancelRemaining(id);
            store.finish(id, RunState.CANCELLED, Instant.now());
            return get(id);
        }
        if (scancel) {
            store.scancelOnCancel(id);
        }
        if (!store.transition(id, EnumSet.of(RunState.RUNNING, RunState.PAUSED), RunState.CANCELLING)) {
            throw RunProblems.conflict(run, "be cancelled");
        }
        engine.nudge();
        return get(id);
    }

    /** Deletes a run that is not running (its jobs in Slurm stay). */
    void delete(WorkbenchUser me, String id) {
        requireAdmin(me);
        Run run = get(id);
        if (run.state().isActive()) {
            throw RunProblems.conflict(run, "be deleted (cancel it first)");
        }
        store.delete(id);
    }

    Progress progress(Run run) {
        Map<JobState, Long> counts = store.countByState(run.id());
        long inFlight = store.claimedUnfinished(run.id());
        Instant now = Instant.now();
        double rate = run.state() == RunState.RUNNING
                ? store.submittedSince(run.id(), now.minus(RATE_WINDOW)) / (double) RATE_WINDOW.toSeconds() : 0;
        long planLeft = 0;
        Long next = store.lastPlannedOffset(run.id());
        if (next != null && run.startedAt() != null) {
            long elapsed = Duration.between(run.startedAt(), now).toMillis() - run.pausedMillis();
            planLeft = Math.max(0, (next - elapsed) / 1000);
        }
        return Progress.of(counts, inFlight, rate, planLeft);
    }

    public static void requireAdmin(WorkbenchUser me) {
        if (!me.isAdmin()) {
            throw new AccessDeniedException("only admins may change workload runs");
        }
    }

    /** Ten base-36 characters: unique across databases too, since job names of every lab user share one Slurm. */
    private static String newId() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return sb.toString();
    }
}
