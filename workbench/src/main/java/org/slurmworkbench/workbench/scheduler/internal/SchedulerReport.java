package org.slurmworkbench.workbench.scheduler.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.slurmworkbench.slurm.Diag;
import org.slurmworkbench.workbench.scheduler.SchedulerReading;

/**
 * The scheduler page and {@code GET /api/v1/clusters/{cluster}/scheduler}: sdiag's numbers by section, times in
 * microseconds as Slurm counts them, counters since {@code statisticsSince} (slurmctld resets them at midnight and on
 * restart) until {@code requestTime}, when slurmctld answered. A field the cluster's REST API version does not
 * offer is null and named in {@code notOffered}, never 0.
 * RPCs by user are shown to admins only ({@code rpcs.byUser} is absent for others).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record SchedulerReport(String cluster, String release, String apiVersion, Instant fetchedAt, boolean stale,
                       String error, Instant requestTime, Instant statisticsSince, Main main, Backfill backfill,
                       Jobs jobs, Server server, Rpcs rpcs, List<String> notOffered) {

    /**
     * Main scheduler: {@code jobsStarted} is all jobs started since the reset minus those backfill started since the
     * reset (sdiag's "Jobs started" counts both).
     */
    record Main(Long lastCycleMicros, Long meanCycleMicros, Long maxCycleMicros, Long cycles, Long cyclesPerMinute,
                Long meanDepth, Long lastQueueLength, Long jobsStarted) {
    }

    record Backfill(Long lastCycleMicros, Long meanCycleMicros, Long maxCycleMicros, Long cycles, Long lastDepth,
                    Long lastDepthTried, Long meanDepth, Long lastQueueLength, Long jobsStarted,
                    long jobsStartedSinceSlurmctldStart, Instant lastCycleAt, Boolean active) {
    }

    record Jobs(long submitted, long started, long completed, long canceled, long failed, long pending, long running) {
    }

    record Server(long threads, long agentQueueSize, Long agentCount, Long agentThreads, Long dbdAgentQueueSize) {
    }

    /** The top {@code top} of each list by count; {@code other...} is the count of the rest. */
    record Rpcs(long total, int top, List<Rpc> byType, long otherTypes,
                @JsonInclude(JsonInclude.Include.NON_NULL) List<Rpc> byUser,
                @JsonInclude(JsonInclude.Include.NON_NULL) Long otherUsers) {
    }

    record Rpc(String name, long count, long averageMicros, long totalMicros) {
    }

    static final int DEFAULT_TOP = 15;
    static final int MAX_TOP = 100;

    static SchedulerReport of(SchedulerReading r, int top, boolean withUsers) {
        Diag d = r.diag();
        if (d == null) {
            return new SchedulerReport(r.cluster(), r.release(), r.apiVersion(), r.fetchedAt(), r.stale(), r.error(),
                    null, null, null, null, null, null, null, List.of());
        }
        Diag.Backfill b = d.backfill();
        Long backfilled = b.jobsStartedSinceReset();
        Main main = new Main(d.scheduleCycleLastMicros(), d.scheduleCycleMeanMicros(), d.scheduleCycleMaxMicros(),
                d.scheduleCycleCount(), d.main().cyclesPerMinute(), d.main().meanDepth(), d.main().queueLength(),
                backfilled == null ? null : Math.max(0, d.jobsStarted() - backfilled));
        Backfill backfill = new Backfill(d.backfillCycleLastMicros(), d.backfillCycleMeanMicros(), b.cycleMaxMicros(),
                d.backfillCycleCount(), b.lastDepth(), b.lastDepthTried(), b.meanDepth(), b.queueLength(),
                backfilled, d.backfilledJobs(), b.lastCycleAt(), b.active());
        Jobs jobs = new Jobs(d.jobsSubmitted(), d.jobsStarted(), d.jobsCompleted(), d.jobsCanceled(), d.jobsFailed(),
                d.jobsPending(), d.jobsRunning());
        Server server = new Server(d.serverThreadCount(), d.agentQueueSize(), d.agents().count(), d.agents().threads(),
                d.agents().dbdQueueSize());
        List<Rpc> types = d.rpcsByType().stream()
                .map(t -> new Rpc(t.type(), t.count(), t.averageMicros(), t.totalMicros())).toList();
        List<Rpc> users = d.rpcsByUser().stream()
                .map(u -> new Rpc(u.user() == null ? "uid " + u.userId() : u.user(), u.count(), u.averageMicros(),
                        u.totalMicros())).toList();
        Rpcs rpcs = new Rpcs(d.rpcCount(), top, top(types, top), rest(types, top),
                withUsers ? top(users, top) : null, withUsers ? rest(users, top) : null);
        return new SchedulerReport(r.cluster(), r.release(), r.apiVersion(), r.fetchedAt(), r.stale(), r.error(),
                d.requestTime(), d.statisticsSince(), main, backfill, jobs, server, rpcs, notOffered(main, backfill, server));
    }

    private static List<Rpc> top(List<Rpc> all, int n) {
        return all.stream().sorted(Comparator.comparingLong(Rpc::count).reversed().thenComparing(Rpc::name,
                Comparator.nullsLast(Comparator.naturalOrder()))).limit(n).toList();
    }

    private static long rest(List<Rpc> all, int n) {
        ToLongFunction<Rpc> count = Rpc::count;
        return all.stream().mapToLong(count).sum() - top(all, n).stream().mapToLong(count).sum();
    }

    /** The JSON paths of the fields this version left out. */
    private static List<String> notOffered(Main m, Backfill b, Server s) {
        List<String> out = new ArrayList<>();
        check(out, "main.cyclesPerMinute", m.cyclesPerMinute());
        check(out, "main.meanDepth", m.meanDepth());
        check(out, "main.lastQueueLength", m.lastQueueLength());
        check(out, "backfill.maxCycleMicros", b.maxCycleMicros());
        check(out, "backfill.lastDepth", b.lastDepth());
        check(out, "backfill.lastDepthTried", b.lastDepthTried());
        check(out, "backfill.meanDepth", b.meanDepth());
        check(out, "backfill.lastQueueLength", b.lastQueueLength());
        check(out, "main.jobsStarted", m.jobsStarted());
        check(out, "backfill.jobsStarted", b.jobsStarted());
        check(out, "backfill.active", b.active());
        check(out, "server.agentCount", s.agentCount());
        check(out, "server.agentThreads", s.agentThreads());
        check(out, "server.dbdAgentQueueSize", s.dbdAgentQueueSize());
        return out;
    }

    private static void check(List<String> out, String path, Object value) {
        if (value == null) {
            out.add(path);
        }
    }
}
