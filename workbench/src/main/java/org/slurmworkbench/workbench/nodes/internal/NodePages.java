package org.slurmworkbench.workbench.nodes.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.slurmworkbench.slurm.Reservation;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
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
 * its own message folded away), and the reservations. The same data as the API.
 */
@Controller
class NodePages {

    private final Clusters clusters;
    private final NodeService nodes;
    private final NodeReads reads;

    NodePages(Clusters clusters, NodeService nodes, NodeReads reads) {
        this.clusters = clusters;
        this.nodes = nodes;
        this.reads = reads;
    }

    /** A refusal as the page shows it: a message key with its argument, and Slurm's (or the check's) own words. */
    /** Kept in the session (a flash attribute) across the redirect, so serializable. */
    record Refusal(String key, String argument, String raw) implements java.io.Serializable {
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
            redirect.addFlashAttribute("refusal", switch (e) {
                case SlurmException.NotOffered n -> new Refusal("nodes.refused.notOffered", null, e.getMessage());
                case SlurmException.PermissionDenied p -> new Refusal("nodes.refused.permission", me.slurmUser(), e.getMessage());
                case SlurmException.Unavailable u -> new Refusal("nodes.refused.unavailable", null, e.getMessage());
                case SlurmException.NotFound n -> new Refusal("nodes.refused.notFound", name, e.getMessage());
                default -> new Refusal("nodes.refused.slurm", Integer.toString(e.errorNumber()), e.getMessage());
            });
        } catch (ErrorResponseException e) {
            if (e.getStatusCode().value() == 403 || e.getStatusCode().value() == 404) {
                throw e;
            }
            String detail = e.getBody().getDetail();
            redirect.addFlashAttribute("refusal", new Refusal(e.getStatusCode().value() == 400 ? "nodes.refused.reason"
                    : "nodes.refused.state", Integer.toString(NodeService.MAX_REASON), detail));
            redirect.addFlashAttribute("reason", reason);
        }
        return "redirect:/nodes/" + cluster + "/" + name;
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
        return "nodes/reservations";
    }
}
