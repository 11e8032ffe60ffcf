package org.slurmworkbench.workbench.dashboard.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard's cluster cards, which the page loads and then reloads every few seconds with htmx. */
@Controller
class OverviewPages {

    private final Clusters clusters;
    private final OverviewCache overviews;
    private final DashboardProperties settings;
    private final ChartSpecs charts;

    OverviewPages(Clusters clusters, OverviewCache overviews, DashboardProperties settings, ChartSpecs charts) {
        this.clusters = clusters;
        this.overviews = overviews;
        this.settings = settings;
        this.charts = charts;
    }

    /** One cluster's card: its overview and its two charts' descriptions. */
    record Card(Overview overview, String resourcesChart, String nodesChart) {
    }

    /** The last card made per cluster and language, for the served overview it was made of (by identity). */
    private final Map<String, Made> made = new ConcurrentHashMap<>();

    private record Made(ServedOverview served, Card card) {
    }

    @GetMapping("/fragments/overviews")
    String overviews(Model model, Locale locale) {
        // Clusters are fetched in parallel: a slow one does not hold up the others' cards more than its own wait.
        List<Card> cards = clusters.names().parallelStream().map(c -> card(c, locale)).toList();
        model.addAttribute("cards", cards);
        model.addAttribute("refreshSeconds", Math.max(1, settings.refresh().toSeconds()));
        return "dashboard/overviews :: overviews";
    }

    /** A served overview is shared for a second: so are its charts, written once per language. */
    private Card card(String cluster, Locale locale) {
        ServedOverview served = overviews.served(cluster);
        String key = cluster + "|" + locale.toLanguageTag();
        Made last = made.get(key);
        if (last != null && last.served() == served) {
            return last.card();
        }
        Overview o = served.overview();
        Card card = new Card(o, charts.resources(o, locale), charts.nodeStates(o, locale));
        if (made.size() > 64) {
            made.clear(); // languages come from request headers: keep the map from growing with odd ones
        }
        made.put(key, new Made(served, card));
        return card;
    }
}
