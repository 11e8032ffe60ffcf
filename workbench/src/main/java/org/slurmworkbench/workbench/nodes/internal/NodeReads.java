package org.slurmworkbench.workbench.nodes.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Reservation;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Nodes and reservations of a cluster as its service user reads them, shared by all viewers for {@code ttl}: one read
 * per cluster at a time (others wait for it), forgotten at once after a drain or resume of this instance so its
 * effect shows on the next page.
 */
@Component
class NodeReads {

    private record Read<T>(Instant at, List<T> items) {
    }

    private final Clusters clusters;
    private final Duration ttl;
    private final Map<String, Read<Node>> nodes = new ConcurrentHashMap<>();
    private final Map<String, Read<Reservation>> reservations = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    NodeReads(Clusters clusters, @Value("${workbench.nodes.ttl:3s}") Duration ttl) {
        this.clusters = clusters;
        this.ttl = ttl;
    }

    /** @throws org.slurmworkbench.workbench.cluster.UnknownClusterException for an unknown cluster; SlurmException */
    List<Node> nodes(String cluster) {
        return read(cluster, nodes, "nodes", () -> clusters.asServiceUser(cluster).nodes());
    }

    List<Reservation> reservations(String cluster) {
        return read(cluster, reservations, "reservations", () -> clusters.asServiceUser(cluster).reservations());
    }

    /** The node, or a 404 problem naming it. */
    Node node(String cluster, String name) {
        return nodes(cluster).stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> notFound("Node", name, cluster));
    }

    Reservation reservation(String cluster, String name) {
        return reservations(cluster).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> notFound("Reservation", name, cluster));
    }

    void forget(String cluster) {
        nodes.remove(cluster);
        reservations.remove(cluster);
    }

    private <T> List<T> read(String cluster, Map<String, Read<T>> cache, String what, java.util.function.Supplier<List<T>> fetch) {
        clusters.status(cluster); // an unknown cluster is a 404 before anything is read
        Read<T> known = cache.get(cluster);
        if (fresh(known)) {
            return known.items();
        }
        synchronized (locks.computeIfAbsent(cluster + "/" + what, k -> new Object())) {
            known = cache.get(cluster);
            if (fresh(known)) {
                return known.items();
            }
            try {
                Read<T> read = new Read<>(Instant.now(), List.copyOf(fetch.get()));
                cache.put(cluster, read);
                return read.items();
            } catch (SlurmException e) {
                throw e.onCluster(cluster);
            }
        }
    }

    private boolean fresh(Read<?> read) {
        return read != null && read.at().plus(ttl).isAfter(Instant.now());
    }

    static ErrorResponseException notFound(String what, String name, String cluster) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                what + " '" + name + "' does not exist on cluster " + cluster + ".");
        problem.setTitle(what + " not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
