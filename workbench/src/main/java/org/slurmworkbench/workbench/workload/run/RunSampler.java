package org.slurmworkbench.workbench.workload.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.slurm.Tres;
import org.slurmworkbench.workbench.scheduler.SchedulerReading;
import org.slurmworkbench.workbench.scheduler.SchedulerReadings;
import org.springframework.stereotype.Component;

/**
 * Records what a run ran on and what the scheduler did meanwhile: at its start the cluster's facts and a first /diag
 * reading (from the shared {@link SchedulerReadings}), one every {@code diag-step} while it is active, and a last one
 * once it is over and slurmctld holds none of its jobs live any more (or {@code diag-end-wait} after it ended).
 * Driven by the engine's ticks; a reading that cannot be taken is skipped, never failing the run.
 */
@Component
class RunSampler {

    private static final Logger log = LoggerFactory.getLogger(RunSampler.class);

    private final SchedulerReadings readings;
    private final RunSchedulerStore store;
    private final RunStore runs;
    private final SlurmJobs slurm;
    private final WorkloadProperties settings;
    /** When each run's last reading was taken (read from the database on a miss). */
    private final Map<String, Instant> lastAt = new ConcurrentHashMap<>();
    /** When each finished run was seen with no live job (its END needs a reading taken after that). */
    private final Map<String, Instant> jobsEndedAt = new ConcurrentHashMap<>();
    private volatile Instant lastEndCheck = Instant.EPOCH;

    RunSampler(SchedulerReadings readings, RunSchedulerStore store, RunStore runs, SlurmJobs slurm,
               WorkloadProperties settings) {
        this.readings = readings;
        this.store = store;
        this.runs = runs;
        this.slurm = slurm;
        this.settings = settings;
    }

    /** At a run's start, before its first submission: the cluster's facts and the first reading. */
    void started(String runId, String cluster, SlurmApi api, List<Node> nodes) {
        try {
            store.saveCluster(runId, facts(api, nodes));
        } catch (RuntimeException e) {
            log.warn("Run {}: the cluster's facts were not recorded: {}", runId, e.toString());
        }
        read(runId, cluster, RunSchedulerStore.Phase.START, null);
    }

    /** Each engine tick: a STEP reading for active runs due one, an END for finished runs whose jobs all ended. */
    void tick(List<Run> active) {
        Instant now = Instant.now();
        for (Run run : active) {
            Instant last = lastAt.computeIfAbsent(run.id(),
                    id -> store.last(id).map(RunSchedulerStore.Reading::takenAt).orElse(Instant.EPOCH));
            if (last.plus(settings.diagStep()).isBefore(now)) {
                read(run.id(), run.cluster(), last == Instant.EPOCH ? RunSchedulerStore.Phase.START : RunSchedulerStore.Phase.STEP, null);
            }
        }
        if (lastEndCheck.plusSeconds(5).isAfter(now)) {
            return;
        }
        lastEndCheck = now;
        for (String id : store.finishedWithoutEnd(now.minus(settings.diagEndWait().multipliedBy(2)))) {
            runs.find(id).ifPresent(this::endIfJobsEnded);
        }
    }

    private void endIfJobsEnded(Run run) {
        Instant now = Instant.now();
        boolean waitedEnough = run.finishedAt() != null && run.finishedAt().plus(settings.diagEndWait()).isBefore(now);
        Instant ended = jobsEndedAt.get(run.id());
        if (ended == null && !waitedEnough) {
            try {
                if (slurm.of(run, false).stream().anyMatch(r -> !r.finished())) {
                    return;
                }
            } catch (SlurmException e) {
                return;
            }
            ended = now;
            jobsEndedAt.put(run.id(), ended);
        }
        if (read(run.id(), run.cluster(), RunSchedulerStore.Phase.END, waitedEnough ? null : ended)) {
            jobsEndedAt.remove(run.id());
            lastAt.remove(run.id());
        }
    }

    /** Takes a reading unless it is stale or older than {@code notBefore}; answers whether it was stored. */
    private boolean read(String runId, String cluster, RunSchedulerStore.Phase phase, Instant notBefore) {
        try {
            SchedulerReading r = readings.reading(cluster);
            if (!r.hasData() || r.stale() || notBefore != null && r.diag().requestTime().isBefore(notBefore)) {
                return false;
            }
            store.add(runId, phase, r.diag());
            lastAt.put(runId, r.diag().requestTime() == null ? Instant.now() : r.diag().requestTime());
            return true;
        } catch (RuntimeException e) {
            log.debug("Run {}: no /diag reading ({}): {}", runId, phase, e.toString());
            return false;
        }
    }

    static ClusterFacts facts(SlurmApi api, List<Node> nodes) {
        List<ClusterFacts.PartitionLimits> partitions = new ArrayList<>();
        for (Partition p : api.partitions()) {
            partitions.add(new ClusterFacts.PartitionLimits(p.name(), p.state(), p.totalNodes(), p.totalCpus(),
                    p.maxTimeMinutes(), p.defaultTimeMinutes(), p.defaultQos(), p.allowedQos(), p.allowedAccounts()));
        }
        List<ClusterFacts.QosLimits> qos = new ArrayList<>();
        for (Qos q : api.qos()) {
            qos.add(new ClusterFacts.QosLimits(q.name(), q.priority(), q.flags(), tres(q.maxTresPerUser()),
                    tres(q.maxTresPerJob()), tres(q.maxTresPerAccount()), tres(q.grpTres()), q.maxJobsPerUser(),
                    q.maxSubmitJobsPerUser(), q.grpJobs(), q.maxWallMinutesPerJob(), q.usageFactor()));
        }
        Map<String, String> conf = null;
        String notOffered = null;
        if (api.offersConfig()) {
            conf = api.schedulerConfig();
        } else {
            notOffered = "Slurm " + api.info().release() + " (REST API " + api.info().apiVersion()
                    + ") does not offer its configuration (GET /slurm/.../conf needs REST API v0.0.45, Slurm 26.05)";
        }
        return new ClusterFacts(Instant.now(), api.info().release(), api.info().apiVersion().toString(), nodes.size(),
                nodes.stream().mapToLong(Node::cpus).sum(), nodes.stream().mapToLong(Node::realMemoryMb).sum(),
                nodes.stream().mapToLong(Node::gpus).sum(), partitions, qos, conf, notOffered);
    }

    private static String tres(Tres t) {
        return t == null ? "" : t.toString();
    }
}
