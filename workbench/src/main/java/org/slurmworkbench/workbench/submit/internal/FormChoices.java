package org.slurmworkbench.workbench.submit.internal;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.slurmworkbench.slurm.Association;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.stereotype.Component;

/** What the job form offers: the cluster's partitions, and the accounts and QOS in the Slurm user's associations. */
@Component
class FormChoices {

    record Choices(List<String> partitions, List<String> accounts, List<String> qos) {
    }

    private final Clusters clusters;

    FormChoices(Clusters clusters) {
        this.clusters = clusters;
    }

    Choices of(String cluster, String slurmUser) {
        List<String> partitions = clusters.asServiceUser(cluster).partitions().stream().map(Partition::name).toList();
        List<Association> mine = clusters.asServiceUser(cluster).associations().stream()
                .filter(a -> slurmUser.equals(a.user())).toList();
        List<String> accounts = List.copyOf(new TreeSet<>(mine.stream().map(Association::account).filter(Objects::nonNull).toList()));
        TreeSet<String> qos = new TreeSet<>();
        mine.forEach(a -> qos.addAll(a.qos()));
        return new Choices(partitions, accounts, List.copyOf(qos));
    }
}
