package org.slurmworkbench.workbench.qos.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.Qos;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.stereotype.Component;

/**
 * Reads a cluster's QOS and jobs as its service user (QOS limits are not private; every logged-in user may see
 * them) and puts each QOS beside its current use.
 */
@Component
class QosReader {

    private final Clusters clusters;
    private final ClusterJobs clusterJobs;

    QosReader(Clusters clusters, ClusterJobs clusterJobs) {
        this.clusters = clusters;
        this.clusterJobs = clusterJobs;
    }

    /** The QOS list and the jobs slurmctld holds, read once, grouped by QOS. */
    record State(String cluster, List<Qos> qos, Map<String, List<Job>> jobsByQos) {

        List<Job> jobsOf(String qos) {
            return jobsByQos.getOrDefault(qos, List.of());
        }

        Optional<Qos> find(String name) {
            return qos.stream().filter(q -> q.name().equals(name)).findFirst();
        }
    }

    /** @throws org.slurmworkbench.workbench.cluster.UnknownClusterException for a cluster not configured */
    State state(String cluster) {
        clusters.status(cluster);
        SlurmApi slurm = clusters.asServiceUser(cluster);
        List<Qos> qos = slurm.qos();
        Map<String, List<Job>> byQos = clusterJobs.jobs(cluster).stream().filter(j -> j.qos() != null)
                .collect(Collectors.groupingBy(Job::qos));
        return new State(cluster, qos, byQos);
    }

    List<QosUse> all(String cluster) {
        State s = state(cluster);
        return s.qos().stream().map(q -> QosUse.of(cluster, q, s.jobsOf(q.name()))).toList();
    }

    Optional<QosUse> one(String cluster, String name) {
        State s = state(cluster);
        return s.find(name).map(q -> QosUse.of(cluster, q, s.jobsOf(name)));
    }

    /** The QOS as Slurm holds it now, read as the acting user (an edit reads back what it wrote). */
    Optional<Qos> current(SlurmApi slurm, String name) {
        return slurm.qos().stream().filter(q -> q.name().equals(name)).findFirst();
    }
}
