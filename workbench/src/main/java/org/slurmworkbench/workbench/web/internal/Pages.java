package org.slurmworkbench.workbench.web.internal;

import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home pages. The dashboard shows each cluster's reachability for now (from the same code as
 * {@code GET /api/v1/clusters}); the other four say what they will do: they are later issues.
 */
@Controller
class Pages {

    private final Clusters clusters;

    Pages(Clusters clusters) {
        this.clusters = clusters;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        model.addAttribute("nav", "dashboard");
        model.addAttribute("clusters", clusters.statuses());
        return "dashboard";
    }

    /** The cluster table alone, which the dashboard reloads every few seconds (htmx). */
    @GetMapping("/fragments/clusters")
    String clusterTable(Model model) {
        model.addAttribute("clusters", clusters.statuses());
        return "dashboard :: clusters";
    }

    @GetMapping("/qos")
    String qos(Model model) {
        return planned(model, "qos");
    }

    private static String planned(Model model, String part) {
        model.addAttribute("nav", part);
        return "planned";
    }
}
