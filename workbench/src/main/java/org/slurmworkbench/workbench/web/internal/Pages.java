package org.slurmworkbench.workbench.web.internal;

import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard page and its cluster table (from the same code as {@code GET /api/v1/clusters}); its overview and
 * history cards are fragments of the dashboard and history modules. Every other part has its own module's pages.
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
}
