package org.slurmworkbench.workbench.fairshare.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slurmworkbench.slurm.Share;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.ClusterStatus;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.AccountAccess;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The fairshare tree of a cluster, read as its service user and shared by all viewers for {@code ttl} (Slurm recomputes
 * it every PriorityCalcPeriod, minutes), cut to what each viewer may see: admins everything; others every account, and
 * of the users themselves and the users of the accounts they coordinate (as Slurm lets a coordinator see those users'
 * jobs). An unknown cluster is a 404; a cluster whose REST API has no {@code /shares} a {@link SlurmException.NotOffered}.
 */
@Component
class FairshareService {

    private record Read(Instant at, List<Share> shares) {
    }

    private final Clusters clusters;
    private final AccountAccess access;
    private final Duration ttl;
    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    FairshareService(Clusters clusters, AccountAccess access, @Value("${workbench.fairshare.ttl:10s}") Duration ttl) {
        this.clusters = clusters;
        this.access = access;
        this.ttl = ttl;
    }

    FairshareTree tree(String cluster, WorkbenchUser me) {
        ClusterStatus status = clusters.status(cluster); // an unknown cluster is a 404 before anything is read
        Read read = read(cluster);
        Set<String> coordinated = me.isAdmin() ? Set.of() : access.coordinated(cluster, me);
        FairshareTree.Node root = FairshareTree.build(read.shares(), s -> me.isAdmin()
                || s.name().equals(me.slurmUser()) || coordinated.contains(s.account()));
        return new FairshareTree(cluster, status.release(), status.apiVersion(), read.at(), me.isAdmin() ? "all" : "own", root);
    }

    private Read read(String cluster) {
        Read known = reads.get(cluster);
        if (known != null && known.at().plus(ttl).isAfter(Instant.now())) {
            return known;
        }
        synchronized (reads) {
            known = reads.get(cluster);
            if (known != null && known.at().plus(ttl).isAfter(Instant.now())) {
                return known;
            }
            try {
                SlurmApi api = clusters.asServiceUser(cluster);
                Read read = new Read(Instant.now(), List.copyOf(api.shares()));
                reads.put(cluster, read);
                return read;
            } catch (SlurmException e) {
                throw e.onCluster(cluster);
            }
        }
    }
}
