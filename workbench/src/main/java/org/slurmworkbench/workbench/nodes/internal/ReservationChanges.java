package org.slurmworkbench.workbench.nodes.internal;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.NewReservation;
import org.slurmworkbench.slurm.Node;
import org.slurmworkbench.slurm.Reservation;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Admins create and delete (maintenance) reservations, sent as the admin's Slurm user, where the cluster's REST API
 * offers it (v0.0.43+: Slurm 26.05 on the lab). Checked in this order: admin (403), the input (400 naming each field)
 * or the reservation's existence (404; a name taken is a 409, since Slurm's POST would change the existing one), then
 * the client says whether the REST API offers it (501). Every change and every refusal by Slurm is logged with the
 * cluster, the reservation and who asked.
 */
@Component
class ReservationChanges {

    private static final Logger log = LoggerFactory.getLogger(ReservationChanges.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Clusters clusters;
    private final NodeReads reads;

    ReservationChanges(Clusters clusters, NodeReads reads) {
        this.clusters = clusters;
        this.reads = reads;
    }

    /** Whether the cluster's REST API can create and delete reservations (discovers its version on first use). */
    boolean offered(String cluster) {
        return clusters.asServiceUser(cluster).offersReservationChanges();
    }

    /** Creates it and answers it as Slurm then shows it. */
    Reservation create(String cluster, ReservationForm form, WorkbenchUser me) {
        SlurmApi api = adminApi(cluster, me, "creating");
        Set<String> nodes = reads.nodes(cluster).stream().map(Node::name).collect(Collectors.toSet());
        NewReservation r = (form == null ? new ReservationForm(null, null, null, null, null, null, null, null) : form)
                .check(Instant.now(), nodes);
        reads.forget(cluster);
        if (reads.reservations(cluster).stream().anyMatch(x -> x.name().equals(r.name()))) {
            throw FieldProblems.of(HttpStatus.CONFLICT, "Reservation exists", "name",
                    "'" + r.name() + "' exists already on cluster " + cluster + ": choose another name or delete it first");
        }
        try {
            api.createReservation(r);
        } catch (SlurmException e) {
            log.info("Reservation {} on {} not created for {} (Slurm user {}): {}", r.name(), cluster, me.username(),
                    me.slurmUser(), e.getMessage());
            throw e.onCluster(cluster);
        } finally {
            reads.forget(cluster);
        }
        log.info("Reservation {} created on {} by {} (Slurm user {}): nodes {}, start {}, {}, users {}, accounts {}, flags {}",
                r.name(), cluster, me.username(), me.slurmUser(), r.nodes(), r.start(),
                r.end() != null ? "end " + r.end() : r.durationMinutes() + " min", r.users(), r.accounts(), r.flags());
        return reads.reservation(cluster, r.name());
    }

    void delete(String cluster, String name, WorkbenchUser me) {
        SlurmApi api = adminApi(cluster, me, "deleting");
        if (name == null || !NAME.matcher(name).matches()) {
            throw FieldProblems.invalid("name", "is not a reservation name (letters, digits, '.', '_', '-')");
        }
        reads.forget(cluster);
        reads.reservation(cluster, name); // an unknown one is a 404 on every release
        try {
            api.deleteReservation(name);
        } catch (SlurmException e) {
            log.info("Reservation {} on {} not deleted for {} (Slurm user {}): {}", name, cluster, me.username(),
                    me.slurmUser(), e.getMessage());
            throw e.onCluster(cluster);
        } finally {
            reads.forget(cluster);
        }
        log.info("Reservation {} deleted on {} by {} (Slurm user {})", name, cluster, me.username(), me.slurmUser());
    }

    private SlurmApi adminApi(String cluster, WorkbenchUser me, String what) {
        if (!me.isAdmin()) {
            throw new AccessDeniedException(what + " reservations is for admins");
        }
        return clusters.as(cluster, me.slurmUser());
    }
}
