package org.slurmworkbench.workbench.dashboard.internal;

import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard page and its cluster table (from the same code as {@code GET /api/v1/clusters}); its overview and
 * history cards are fragments of the dashboard and history modules. Every other part has its own module's pages.
 */
@Controller
class DashboardPages {

    private final Clusters clusters;

    DashboardPages(Clusters clusters) {
        this.clusters = clusters;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        model.addAttribute("nav", "dashboard");
        model.addAttribute("clusters", clusters.statuses());
        return "dashboard/page";
    }

    /** The cluster table alone, which the dashboard reloads every few seconds (htmx). */
    @GetMapping("/fragments/clusters")
    String clusterTable(Model model) {
        model.addAttribute("clusters", clusters.statuses());
        return "dashboard/page :: clusters";
    }
}
