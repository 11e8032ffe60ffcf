package org.slurmworkbench.workbench.nodes.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.slurm.Reservation;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The node list, a node's page with drain and resume for admins (asked to confirm; Slurm's refusals in plain words with
 * its own message folded away), and the reservations, which admins create (a form) and delete (asked to confirm) where
 * the cluster's REST API offers it. The same data as the API.
 */
@Controller
class NodePages {

    private final Clusters clusters;
    private final NodeService nodes;
    private final NodeReads reads;
    private final ReservationChanges changes;

    NodePages(Clusters clusters, NodeService nodes, NodeReads reads, ReservationChanges changes) {
        this.clusters = clusters;
        this.nodes = nodes;
        this.reads = reads;
        this.changes = changes;
    }

    /**
     * A refusal as the page shows it: a message key with its argument, and Slurm's (or the check's) own words. Kept in
     * the session (a flash attribute) across the redirect, so serializable.
     */
    record Refusal(String key, String argument, String raw) implements java.io.Serializable {

        /** Slurm's refusal in plain words: {@code prefix} + notOffered, permission, unavailable, notFound or slurm. */
        static Refusal of(String prefix, SlurmException e, String user, String name) {
            return switch (e) {
                case SlurmException.NotOffered n -> new Refusal(prefix + "notOffered", null, e.getMessage());
                case SlurmException.PermissionDenied p -> new Refusal(prefix + "permission", user, e.getMessage());
                case SlurmException.Unavailable u -> new Refusal(prefix + "unavailable", null, e.getMessage());
                case SlurmException.NotFound n -> new Refusal(prefix + "notFound", name, e.getMessage());
                default -> new Refusal(prefix + "slurm", Integer.toString(e.errorNumber()), e.getMessage());
            };
        }
    }

    @GetMapping("/nodes")
    String list(@RequestParam(required = false) String cluster, Model model) {
        String chosen = clusters.chosen(cluster);
        model.addAttribute("nav", "nodes");
        model.addAttribute("clusterNames", clusters.names());
        model.addAttribute("cluster", chosen);
        if (chosen != null) {
            model.addAttribute("nodes", nodes.nodes(chosen, CurrentUser.require()));
        }
        return "nodes/list";
    }

    @GetMapping("/nodes/{cluster}/{name}")
    String node(@PathVariable String cluster, @PathVariable String name, Model model) {
        WorkbenchUser me = CurrentUser.require();
        model.addAttribute("nav", "nodes");
        model.addAttribute("cluster", cluster);
        model.addAttribute("node", nodes.node(cluster, name, me));
        model.addAttribute("release", clusters.status(cluster).release());
        model.addAttribute("maxReason", NodeService.MAX_REASON);
        return "nodes/node";
    }

    @PostMapping("/nodes/{cluster}/{name}/{action:drain|resume}")
    String act(@PathVariable String cluster, @PathVariable String name, @PathVariable String action,
               @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        WorkbenchUser me = CurrentUser.require();
        try {
            if (action.equals("drain")) {
                nodes.drain(cluster, name, reason, me);
            } else {
                nodes.resume(cluster, name, me);
            }
            redirect.addFlashAttribute("done", action);
        } catch (SlurmException e) {
            redirect.addFlashAttribute("refusal", Refusal.of("nodes.refused.", e, me.slurmUser(), name));
        } catch (ErrorResponseException e) {
            if (e.getStatusCode().value() == 403 || e.getStatusCode().value() == 404) {
                throw e;
            }
            String detail = e.getBody().getDetail();
            redirect.addFlashAttribute("refusal", new Refusal(e.getStatusCode().value() == 400 ? "nodes.refused.reason"
                    : "nodes.refused.state", Integer.toString(NodeService.MAX_REASON), detail));
            redirect.addFlashAttribute("reason", reason);
        }
        // expanded from the request's path variables, encoded: a name with { or } is not read as a template
        return "redirect:/nodes/{cluster}/{name}";
    }

    @GetMapping("/reservations")
    String reservations(@RequestParam(required = false) String cluster, Model model) {
        String chosen = clusters.chosen(cluster);
        model.addAttribute("nav", "nodes");
        model.addAttribute("clusterNames", clusters.names());
        model.addAttribute("cluster", chosen);
        if (chosen != null) {
            model.addAttribute("reservations", reads.reservations(chosen).stream()
                    .sorted(Comparator.comparing(Reservation::start, Comparator.nullsFirst(Comparator.naturalOrder()))).toList());
            model.addAttribute("now", Instant.now());
            changesOffered(chosen, model);
        }
        return "nodes/reservations";
    }

    @GetMapping("/reservations/{cluster}/{name}")
    String reservation(@PathVariable String cluster, @PathVariable String name, Model model) {
        model.addAttribute("nav", "nodes");
        model.addAttribute("cluster", cluster);
        model.addAttribute("clusterNames", List.of());
        model.addAttribute("reservations", List.of(reads.reservation(cluster, name)));
        model.addAttribute("now", Instant.now());
        model.addAttribute("single", true);
        changesOffered(cluster, model);
        return "nodes/reservations";
    }

    /** For admins: whether this cluster's REST API can change reservations (then the form and delete buttons show). */
    private void changesOffered(String cluster, Model model) {
        if (!CurrentUser.require().isAdmin()) {
            return;
        }
        model.addAttribute("changesOffered", changes.offered(cluster));
        model.addAttribute("release", clusters.status(cluster).release());
        model.addAttribute("flagChoices", ReservationForm.FLAGS);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ReservationForm.empty());
        }
    }

    @PostMapping("/reservations/{cluster}")
    String create(@PathVariable String cluster, ReservationForm form, RedirectAttributes redirect) {
        WorkbenchUser me = CurrentUser.require();
        try {
            redirect.addFlashAttribute("created", changes.create(cluster, form, me).name());
        } catch (SlurmException e) {
            redirect.addFlashAttribute("refusal", Refusal.of("reservations.refused.", e, me.slurmUser(), form.name()));
            redirect.addFlashAttribute("form", form);
        } catch (ErrorResponseException e) {
            Map<String, String> fields = FieldProblems.of(e);
            if (fields.isEmpty()) {
                throw e;
            }
            redirect.addFlashAttribute("fieldErrors", new LinkedHashMap<>(fields));
            redirect.addFlashAttribute("form", form);
        }
        return "redirect:/reservations?cluster={cluster}";
    }

    @PostMapping("/reservations/{cluster}/{name}/delete")
    String delete(@PathVariable String cluster, @PathVariable String name, RedirectAttributes redirect) {
        WorkbenchUser me = CurrentUser.require();
        try {
            changes.delete(cluster, name, me);
            redirect.addFlashAttribute("deleted", name);
        } catch (SlurmException e) {
            redirect.addFlashAttribute("refusal", Refusal.of("reservations.refused.", e, me.slurmUser(), name));
        }
        return "redirect:/reservations?cluster={cluster}";
    }
}
