package org.slurmworkbench.workbench.qos.internal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.QosChange;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.qos.internal.QosAuditStore.Outcome;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.shared.Problems;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Changes or creates a QOS for an admin, acting in Slurm as the admin's own Slurm user (so slurmdbd checks the
 * right too): plans the change against the QOS as it is now, applies only the fields that differ, reads the QOS back
 * to confirm them, and records every attempt (applied, refused by Slurm, failed read-back, denied) in the audit log.
 */
@Component
class QosEditor {

    private static final Logger log = LoggerFactory.getLogger(QosEditor.class);

    private final Clusters clusters;
    private final QosReader reader;
    private final QosAuditStore audit;

    QosEditor(Clusters clusters, QosReader reader, QosAuditStore audit) {
        this.clusters = clusters;
        this.reader = reader;
        this.audit = audit;
    }

    /** The limits before and after and the fields that change; {@code before} is null for a new QOS. */
    record Plan(String cluster, String qos, boolean create, QosLimits before, QosLimits after, List<QosLimits.Change> changes) {
    }

    /**
     * What happened: {@code after} is what Slurm shows after the change (read back). Serializable because the page
     * passes it on as a flash attribute, which Spring Session keeps in MariaDB across the redirect.
     */
    record Result(Outcome outcome, String cluster, String qos, QosLimits before, QosLimits after,
                  List<QosLimits.Change> changes, String message, Long auditId) implements java.io.Serializable {
    }

    /** The diff shown before applying; nothing is sent to Slurm. */
    Plan plan(WorkbenchUser me, String cluster, String name, QosEdit edit, boolean create) {
        requireAdmin(me, cluster, name, create);
        checkName(name);
        return plan(clusters.as(cluster, me.slurmUser()), cluster, name, edit, create);
    }

    Result apply(WorkbenchUser me, String cluster, String name, QosEdit edit, boolean create) {
        requireAdmin(me, cluster, name, create);
        checkName(name);
        SlurmApi slurm = clusters.as(cluster, me.slurmUser());
        Plan plan = plan(slurm, cluster, name, edit, create);
        String action = create ? "CREATE" : "UPDATE";
        if (plan.changes().isEmpty() && !create) {
            return new Result(null, cluster, name, plan.before(), plan.before(), List.of(), "no change", null);
        }
        QosChange change = QosEdit.change(name, create ? QosLimits.NONE : plan.before(), plan.after());
        // audited before it is sent: without the database nothing reaches Slurm, and a change whose outcome could not
        // be written afterwards still shows in the log (as SENT)
        long id = audit.record(me.username(), me.slurmUser(), cluster, name, action, Outcome.SENT, plan.before(), null,
                plan.changes(), null);
        try {
            slurm.saveQos(change);
        } catch (SlurmException e) {
            audit.finish(id, Outcome.REFUSED, null, e.getMessage());
            log.info("QOS {} of {}: change by {} refused by Slurm (audit {}): {}", name, cluster, me.username(), id, e.getMessage());
            throw e;
        }
        QosLimits readBack = reader.current(slurm, name).map(QosLimits::of).orElse(null);
        List<QosLimits.Change> differing = readBack == null ? plan.changes()
                : plan.after().changesTo(readBack).stream().filter(c -> changed(plan, c.field())).toList();
        Outcome outcome = differing.isEmpty() ? Outcome.APPLIED : Outcome.FAILED;
        String message = differing.isEmpty() ? null : "Slurm accepted the change but shows " + differing.stream()
                .map(c -> c.field() + "=" + c.after() + " (not " + c.before() + ")").toList();
        if (outcome == Outcome.FAILED && !create && readBack != null) {
            message += restore(slurm, name, readBack, plan.before());
        }
        audit.finish(id, outcome, readBack, message);
        log.info("QOS {} of {}: {} by {} {} (audit {})", name, cluster, action, me.username(), outcome, id);
        return new Result(outcome, cluster, name, plan.before(), readBack, plan.changes(), message, id);
    }

    /** A change Slurm took only in part is undone, so that a failed change leaves the QOS as it was. */
    private String restore(SlurmApi slurm, String name, QosLimits now, QosLimits before) {
        try {
            slurm.saveQos(QosEdit.change(name, now, before));
            return "; the earlier limits were restored";
        } catch (SlurmException e) {
            log.warn("QOS {}: restoring the limits after a partial change failed: {}", name, e.getMessage());
            return "; restoring the earlier limits failed: " + e.getMessage();
        }
    }

    private static boolean changed(Plan plan, String field) {
        return plan.changes().stream().anyMatch(c -> c.field().equals(field));
    }

    private Plan plan(SlurmApi slurm, String cluster, String name, QosEdit edit, boolean create) {
        java.util.Map.of("grpTres", nullToEmpty(edit.grpTres()), "maxTresPerUser", nullToEmpty(edit.maxTresPerUser()),
                "maxTresPerJob", nullToEmpty(edit.maxTresPerJob())).forEach((field, tres) -> {
            if (QosEdit.hasDuplicateTres(tres)) {
                throw FieldProblems.invalid(field, "names the same TRES twice");
            }
        });
        QosLimits before = reader.current(slurm, name).map(QosLimits::of).orElse(null);
        if (create && before != null) {
            throw problem(HttpStatus.CONFLICT, "QOS exists", "QOS " + name + " already exists on " + cluster);
        }
        if (!create && before == null) {
            throw problem(HttpStatus.NOT_FOUND, "No such QOS", "No QOS " + name + " on " + cluster);
        }
        QosLimits base = create ? QosLimits.NONE : before;
        QosLimits after = edit.applyTo(base);
        List<QosLimits.Change> changes = base.changesTo(after);
        checkTresKnown(slurm, changes);
        return new Plan(cluster, name, create, before, after, changes);
    }

    /** TRES Slurm tracks on every cluster; the rest come from the nodes (gres/gpu...). */
    private static final java.util.Set<String> ALWAYS_TRACKED = java.util.Set.of("cpu", "mem", "node", "billing",
            "energy", "fs/disk", "vmem", "pages");

    /**
     * A TRES the cluster does not track is refused by 22.05 but silently dropped by 24.11 and later (seen on the
     * lab), so new TRES names are checked here first; licenses and burst buffers are left to the read-back.
     */
    private static void checkTresKnown(SlurmApi slurm, List<QosLimits.Change> changes) {
        List<QosLimits.Change> tresChanges = changes.stream().filter(c -> QosLimits.TRES_FIELDS.contains(c.field())).toList();
        if (tresChanges.isEmpty()) {
            return;
        }
        java.util.Set<String> known = new java.util.HashSet<>(ALWAYS_TRACKED);
        slurm.nodes().forEach(n -> known.addAll(n.tres().values().keySet()));
        for (QosLimits.Change c : tresChanges) {
            for (String tres : org.slurmworkbench.slurm.Tres.parse(c.after()).values().keySet()) {
                boolean leftToSlurm = tres.startsWith("license/") || tres.startsWith("bb/");
                if (!known.contains(tres) && !leftToSlurm) {
                    throw FieldProblems.invalid(c.field(), "names " + tres + ", which this cluster does not track");
                }
            }
        }
    }

    /**
     * A non-admin's attempt is refused before anything reaches Slurm, and recorded.
     * @throws AccessDeniedException for a non-admin
     */
    void requireAdmin(WorkbenchUser me, String cluster, String name, boolean create) {
        if (cluster == null || cluster.isBlank()) {
            throw FieldProblems.invalid("cluster", "is required");
        }
        clusters.status(cluster); // an unknown cluster is a 404 before anything is recorded
        if (!me.isAdmin()) {
            String qos = name == null ? "" : name.substring(0, Math.min(64, name.length()));
            audit.record(me.username(), me.slurmUser(), cluster, qos, create ? "CREATE" : "UPDATE", Outcome.DENIED,
                    null, null, List.of(), "only admins may edit QOS");
            log.info("QOS {} of {}: edit by non-admin {} denied", qos, cluster, me.username());
            throw new AccessDeniedException("only admins may edit QOS");
        }
    }

    private static void checkName(String name) {
        if (name == null || !name.matches(QosEdit.NAME)) {
            throw FieldProblems.invalid("name", "must be 1 to 60 lower-case letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        return Problems.exception(status, title, detail);
    }
}
