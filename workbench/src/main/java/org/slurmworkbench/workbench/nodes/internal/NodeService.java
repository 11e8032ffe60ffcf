package org.slurmworkbench.workbench.nodes.internal;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.AccountAccess;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * What the node API and pages share: a node's detail for one viewer (its jobs from the shared job list, filtered as
 * the queue filters them), and drain/resume for admins, sent as the admin's Slurm user. Drain is offered on a node
 * that is not drained, resume on a drained, draining or down one; anything else is a 409 and sends nothing.
 */
@Component
class NodeService {

    static final int MAX_REASON = 200;
    /** Slurm node names: letters, digits, '-', '_', '.'. Anything else never reaches slurmrestd's path. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Clusters clusters;
    private final ClusterJobs clusterJobs;
    private final AccountAccess access;
    private final NodeReads reads;

    NodeService(Clusters clusters, ClusterJobs clusterJobs, AccountAccess access, NodeReads reads) {
        this.clusters = clusters;
        this.clusterJobs = clusterJobs;
        this.access = access;
        this.reads = reads;
    }

    List<NodeDetail> nodes(String cluster, WorkbenchUser me) {
        List<Node> nodes = reads.nodes(cluster);
        Map<String, List<NodeDetail.JobOnNode>> jobs = jobs(cluster, me);
        var reservations = reads.reservations(cluster);
        NodeDetail.Actions actions = actions(cluster, me, null);
        return nodes.stream().map(n -> NodeDetail.of(cluster, n, reservations, jobs.getOrDefault(n.name(), List.of()),
                actions == null ? null : actions(actions.offered(), n))).toList();
    }

    NodeDetail node(String cluster, String name, WorkbenchUser me) {
        checkName(name);
        Node n = reads.node(cluster, name);
        NodeDetail.Actions actions = actions(cluster, me, n);
        return NodeDetail.of(cluster, n, reads.reservations(cluster), jobs(cluster, me).getOrDefault(n.name(), List.of()), actions);
    }

    /** Whether the cluster's REST API can update nodes at all (discovers its version on first use). */
    boolean offersNodeUpdate(String cluster) {
        return clusters.asServiceUser(cluster).offersNodeUpdate();
    }

    void drain(String cluster, String name, String reason, WorkbenchUser me) {
        SlurmApi api = adminApi(cluster, name, me);
        String why = reason(reason);
        Node n = reads.node(cluster, name); // an unknown node is a 404 on every release
        requireOffered(cluster, api);
        if (!n.canDrain()) {
            throw conflict("Node " + name + " is already " + n.shortState() + ": there is nothing to drain.");
        }
        try {
            api.drainNode(name, why);
        } catch (SlurmException e) {
            throw e.onCluster(cluster);
        } finally {
            reads.forget(cluster);
        }
    }

    void resume(String cluster, String name, WorkbenchUser me) {
        SlurmApi api = adminApi(cluster, name, me);
        Node n = reads.node(cluster, name);
        requireOffered(cluster, api);
        if (!n.canResume()) {
            throw conflict("Node " + name + " is " + n.shortState() + ", not drained or down: there is nothing to resume.");
        }
        try {
            api.resumeNode(name);
        } catch (SlurmException e) {
            throw e.onCluster(cluster);
        } finally {
            reads.forget(cluster);
        }
    }

    /** The reason as Slurm will store it: 1-200 characters on one line. */
    static String reason(String reason) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw FieldProblems.invalid("reason", "is required: say why the node is drained (1-" + MAX_REASON + " characters)");
        }
        if (r.length() > MAX_REASON) {
            throw FieldProblems.invalid("reason", "must be at most " + MAX_REASON + " characters, not " + r.length());
        }
        if (r.chars().anyMatch(Character::isISOControl)) {
            throw FieldProblems.invalid("reason", "must be one line without control characters");
        }
        return r;
    }

    private SlurmApi adminApi(String cluster, String name, WorkbenchUser me) {
        if (!me.isAdmin()) {
            throw new AccessDeniedException("draining and resuming nodes is for admins");
        }
        checkName(name);
        return clusters.as(cluster, me.slurmUser());
    }

    private static void requireOffered(String cluster, SlurmApi api) {
        if (!api.offersNodeUpdate()) {
            throw new SlurmException.NotOffered("Slurm " + api.info().release() + " (REST API " + api.info().apiVersion()
                    + ") does not offer node updates (drain, resume); they need REST API v0.0.40 or later").onCluster(cluster);
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw FieldProblems.invalid("name", "is not a Slurm node name (letters, digits, '.', '_', '-')");
        }
    }

    private Map<String, List<NodeDetail.JobOnNode>> jobs(String cluster, WorkbenchUser me) {
        return NodeDetail.jobsByNode(cluster, clusterJobs.jobs(cluster), access.jobScope(cluster, me));
    }

    /** For admins only; null for everyone else. */
    private NodeDetail.Actions actions(String cluster, WorkbenchUser me, Node n) {
        if (!me.isAdmin()) {
            return null;
        }
        boolean offered = offersNodeUpdate(cluster);
        return n == null ? new NodeDetail.Actions(offered, false, false) : actions(offered, n);
    }

    private static NodeDetail.Actions actions(boolean offered, Node n) {
        return new NodeDetail.Actions(offered, offered && n.canDrain(), offered && n.canResume());
    }

    private static ErrorResponseException conflict(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Not possible in the node's state");
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
