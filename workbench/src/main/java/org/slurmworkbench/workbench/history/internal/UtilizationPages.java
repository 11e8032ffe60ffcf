package org.slurmworkbench.workbench.history.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.cluster.UnknownClusterException;
import org.slurmworkbench.workbench.history.Utilization;
import org.slurmworkbench.workbench.history.Utilization.Point;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.slurmworkbench.workbench.history.internal.LineCharts.Line;

/**
 * The dashboard's utilization history cards: one per cluster, with 1 h / 24 h / 7 d / 30 d buttons, a custom
 * from/to range and a partition choice (whole cluster by default), each reloading the card (htmx). Charts are
 * described for {@code static/js/charts.js} (kind "lines"); tooltips give the numbers. A bad custom range is said
 * in the card, which keeps its last good chart choice.
 */
@Controller
class UtilizationPages {

    static final Map<String, Duration> RANGES = new LinkedHashMap<>(Map.of());

    static {
        RANGES.put("1h", Duration.ofHours(1));
        RANGES.put("24h", Duration.ofHours(24));
        RANGES.put("7d", Duration.ofDays(7));
        RANGES.put("30d", Duration.ofDays(30));
    }

    private final Clusters clusters;
    private final HistoryStore store;
    private final MessageSource messages;
    private final LineCharts charts;

    UtilizationPages(Clusters clusters, HistoryStore store, MessageSource messages, LineCharts charts) {
        this.clusters = clusters;
        this.store = store;
        this.messages = messages;
        this.charts = charts;
    }

    record Card(String cluster, String range, String partition, List<String> partitions, String from, String to,
                String error, int points, String resourcesChart, String jobsChart) {
    }

    @GetMapping("/fragments/history")
    String all(Model model, Locale locale) {
        model.addAttribute("cards", clusters.names().stream().map(c -> card(c, "24h", null, null, "", locale)).toList());
        model.addAttribute("ranges", RANGES.keySet());
        return "history/utilization :: history";
    }

    @GetMapping("/fragments/history/{cluster}")
    String one(@PathVariable String cluster, @RequestParam(required = false) String range,
               @RequestParam(defaultValue = "24h") String preset, @RequestParam(required = false) String from,
               @RequestParam(required = false) String to, @RequestParam(defaultValue = "") String partition,
               Model model, Locale locale) {
        if (!clusters.names().contains(cluster)) {
            throw new UnknownClusterException(cluster);
        }
        range = range == null ? preset : range; // a partition change keeps the range shown
        boolean custom = range.equals("custom") && (from != null && !from.isBlank() || to != null && !to.isBlank());
        model.addAttribute("card", card(cluster, custom ? "custom" : RANGES.containsKey(range) ? range : "24h",
                custom ? from : null, custom ? to : null, partition, locale));
        model.addAttribute("ranges", RANGES.keySet());
        return "history/utilization :: card";
    }

    private Card card(String cluster, String range, String from, String to, String partition, Locale locale) {
        Instant now = Instant.now();
        String error = null;
        UtilizationQuery q;
        try {
            q = range.equals("custom") ? UtilizationQuery.of(from, to, null, now)
                    : UtilizationQuery.of(now.minus(RANGES.get(range)).toString(), now.toString(), null, now);
        } catch (InvalidParameterException e) {
            String detail = e.getBody().getDetail();
            error = messages.getMessage("dashboard.history.badRange", new Object[] {detail}, detail, locale);
            range = "24h";
            q = UtilizationQuery.of(now.minus(RANGES.get(range)).toString(), now.toString(), null, now);
        }
        Utilization u = store.read(cluster, q.from(), q.to(), q.step());
        List<String> partitions = u.partitions().keySet().stream().sorted().toList();
        String chosen = partitions.contains(partition) ? partition : "";
        List<Point> points = chosen.isEmpty() ? u.total() : u.partitions().get(chosen);
        String resources = charts.lines(u.from(), u.to(), points, Point::time, List.of(
                new Line<Point>("dashboard.history.cpusAllocated", Point::cpusAllocated),
                new Line<Point>("dashboard.history.cpusTotal", Point::cpusTotal),
                new Line<Point>("dashboard.history.gpusAllocated", Point::gpusAllocated),
                new Line<Point>("dashboard.history.gpusTotal", Point::gpusTotal)), locale);
        String jobs = charts.lines(u.from(), u.to(), points, Point::time, List.of(
                new Line<Point>("dashboard.history.jobsPending", Point::jobsPending),
                new Line<Point>("dashboard.history.jobsRunning", Point::jobsRunning)), locale);
        return new Card(cluster, range, chosen, partitions, u.from().toString(), u.to().toString(), error, points.size(),
                resources, jobs);
    }
}
