package org.slurmworkbench.workbench.notify.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.workbench.accounting.FinishedJob;
import org.slurmworkbench.workbench.accounting.FinishedJobs;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.lease.Leases;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds the ends of opted-in jobs, every {@code interval}, on the holder of the {@code notify} lease: in the shared
 * live job list (no extra read of slurmctld when viewers keep it fresh) and, for jobs that left it or ended while
 * the app was down, in accounting, read once per Slurm user and round ({@link FinishedJobs#endedSince}), never per
 * job, so a burst of ends costs slurmdbd a few queries. A job ends when none of its records (an array's tasks and
 * its pending rest) is still pending or running; an end seen live waits up to {@code efficiency-wait} for
 * accounting's record of it, which carries the usage. The time-limit share is read from the live list.
 */
@Component
class EndDetector {

    private static final Logger log = LoggerFactory.getLogger(EndDetector.class);

    static final String LEASE = "notify";
    /** Opt-ins looked at per round, oldest first. */
    private static final int ROUND = 10_000;
    /** A job neither live nor in accounting this long after its opt-in is taken as never having existed. */
    private static final Duration GIVE_UP = Duration.ofDays(3);

    private final OptInStore optIns;
    private final ClusterJobs jobs;
    private final FinishedJobs finished;
    private final MessageWriter writer;
    private final Leases leases;
    private final NotifyProperties properties;

    EndDetector(OptInStore optIns, ClusterJobs jobs, FinishedJobs finished, MessageWriter writer, Leases leases,
                NotifyProperties properties) {
        this.optIns = optIns;
        this.jobs = jobs;
        this.finished = finished;
        this.writer = writer;
        this.leases = leases;
        this.properties = properties;
    }

    static Duration lease(NotifyProperties p) {
        return p.interval().multipliedBy(2).plusSeconds(10);
    }

    @Scheduled(fixedDelayString = "${workbench.notify.interval:10s}", initialDelayString = "${workbench.notify.interval:10s}")
    void scheduled() {
        if (!properties.enabled()) {
            return;
        }
        try {
            detect();
        } catch (RuntimeException e) {
            log.warn("Looking for ends of opted-in jobs failed", e);
        }
    }

    /** One round over the open opt-ins, if this instance holds the lease. @return messages added to the outbox */
    int detect() {
        if (!leases.hold(LEASE, lease(properties))) {
            return 0;
        }
        int added = 0;
        Map<String, List<OptIn>> byCluster = optIns.open(ROUND).stream()
                .collect(Collectors.groupingBy(OptIn::cluster, LinkedHashMap::new, Collectors.toList()));
        for (var entry : byCluster.entrySet()) {
            String cluster = entry.getKey();
            List<Job> live;
            try {
                live = jobs.jobsOrLast(cluster, Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                log.debug("Job list of {} unavailable; its opt-ins wait: {}", cluster, e.toString());
                continue;
            }
            Map<Long, List<Job>> liveById = live.stream().collect(Collectors.groupingBy(EndDetector::ownerId));
            Ended ended = new Ended(cluster, entry.getValue());
            for (OptIn o : entry.getValue()) {
                try {
                    added += look(o, liveById.getOrDefault(o.jobId(), List.of()), ended);
                } catch (RuntimeException e) {
                    log.warn("Looking at job {} on {} for {} failed: {}", o.jobId(), cluster, o.username(), e.toString());
                }
            }
        }
        return added;
    }

    private int look(OptIn o, List<Job> live, Ended ended) {
        Instant now = Instant.now();
        if (live.stream().anyMatch(j -> !j.isFinished())) {
            return timeShare(o, live, now);
        }
        List<FinishedJob> recorded = ended.of(o.slurmUser(), o.jobId());
        Map<Long, JobOutcome.Task> tasks = new LinkedHashMap<>();
        live.forEach(j -> tasks.put(j.jobId(), JobOutcome.Task.of(j)));
        // accounting's has the usage; where it lacks the exit code (22.05 records a failed job's as 0, read as not
        // known), the live record's stands
        recorded.forEach(f -> tasks.merge(f.jobId(), JobOutcome.Task.of(f), (seen, rec) -> rec.exitCode() == null
                ? rec.withExitCode(seen.exitCode()) : rec));
        if (tasks.isEmpty()) {
            if (o.createdAt().isBefore(now.minus(GIVE_UP))) {
                log.info("Job {} on {} was never seen ended; {}'s opt-in is closed", o.jobId(), o.cluster(), o.username());
                optIns.endDone(o);
            }
            return 0;
        }
        boolean usageMissing = live.stream().anyMatch(j -> recorded.stream().noneMatch(f -> f.jobId() == j.jobId()));
        Instant lastEnd = live.stream().map(Job::endTime).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        if (usageMissing && lastEnd != null && lastEnd.plus(properties.efficiencyWait()).isAfter(now)) {
            return 0;
        }
        return writer.ended(o, JobOutcome.of(o.cluster(), o.jobId(), List.copyOf(tasks.values())));
    }

    private int timeShare(OptIn o, List<Job> live, Instant now) {
        Integer share = o.choices().timeSharePercent();
        if (share == null || o.timeDone()) {
            return 0;
        }
        for (Job j : live) {
            Integer limit = j.timeLimitMinutes();
            if ("RUNNING".equals(j.state()) && j.startTime() != null && limit != null && limit > 0) {
                long elapsed = Math.max(0, Duration.between(j.startTime(), now).toSeconds());
                if (elapsed * 100 >= share * limit * 60L) {
                    return writer.timeShare(o, j.name(), elapsed, limit);
                }
            }
        }
        return 0;
    }

    /** The job's own id: an array's id for each task, a heterogeneous job's leader id for each component. */
    static long ownerId(Job j) {
        if (j.isArray()) {
            return j.arrayJobId();
        }
        return j.hetJobId() != null && j.hetJobId() != 0 ? j.hetJobId() : j.jobId();
    }

    static long ownerId(FinishedJob f) {
        if (f.arrayJobId() != null && f.arrayJobId() != 0) {
            return f.arrayJobId();
        }
        return f.hetJobId() != null && f.hetJobId() != 0 ? f.hetJobId() : f.jobId();
    }

    /** Accounting's ended records of each Slurm user with open opt-ins on a cluster, read once per user and round. */
    private final class Ended {

        private final String cluster;
        private final Map<String, Instant> since = new HashMap<>();
        private final Map<String, Map<Long, List<FinishedJob>>> byUser = new HashMap<>();

        Ended(String cluster, List<OptIn> open) {
            this.cluster = cluster;
            // a minute before the oldest opt-in: its job cannot have ended earlier (clocks of MariaDB and slurmdbd)
            open.forEach(o -> since.merge(o.slurmUser(), o.createdAt().minusSeconds(60),
                    (a, b) -> a.isBefore(b) ? a : b));
        }

        List<FinishedJob> of(String slurmUser, long jobId) {
            return byUser.computeIfAbsent(slurmUser, u -> finished.endedSince(cluster, u, since.get(u), ROUND * 4).stream()
                    .collect(Collectors.groupingBy(EndDetector::ownerId))).getOrDefault(jobId, List.of());
        }
    }
}
