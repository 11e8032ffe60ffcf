package org.slurmworkbench.workbench.dashboard.internal;

import java.util.List;
import java.util.Locale;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.dashboard.Overviews;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard's cluster cards, which the page loads and then reloads every few seconds with htmx. */
@Controller
class DashboardFragments {

    private final Clusters clusters;
    private final Overviews overviews;
    private final DashboardProperties settings;
    private final ChartSpecs charts;

    DashboardFragments(Clusters clusters, Overviews overviews, DashboardProperties settings, ChartSpecs charts) {
        this.clusters = clusters;
        this.overviews = overviews;
        this.settings = settings;
        this.charts = charts;
    }

    /** One cluster's card: its overview and its two charts' descriptions. */
    record Card(Overview overview, String resourcesChart, String nodesChart) {
    }

    @GetMapping("/fragments/overviews")
    String overviews(Model model, Locale locale) {
        // Clusters are fetched in parallel: a slow one does not hold up the others' cards more than its own wait.
        List<Card> cards = clusters.names().parallelStream().map(overviews::overview)
                .map(o -> new Card(o, charts.resources(o, locale), charts.nodeStates(o, locale))).toList();
        model.addAttribute("cards", cards);
        model.addAttribute("refreshSeconds", Math.max(1, settings.refresh().toSeconds()));
        return "dashboard/overviews :: overviews";
    }
}
