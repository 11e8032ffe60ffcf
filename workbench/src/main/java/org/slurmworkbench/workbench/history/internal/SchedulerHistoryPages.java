package org.slurmworkbench.workbench.history.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.cluster.UnknownClusterException;
import org.slurmworkbench.workbench.history.SchedulerHistory;
import org.slurmworkbench.workbench.history.SchedulerHistory.Point;
import org.slurmworkbench.workbench.history.internal.LineCharts.Line;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The scheduler page's history card: cycle times (ms), jobs started by main and backfill, and RPCs, per minute,
 * over the dashboard history's ranges (1 h / 24 h / 7 d / 30 d), reloaded in place (htmx).
 */
@Controller
class SchedulerHistoryPages {

    private final Clusters clusters;
    private final SchedulerHistoryStore store;
    private final LineCharts charts;

    SchedulerHistoryPages(Clusters clusters, SchedulerHistoryStore store, LineCharts charts) {
        this.clusters = clusters;
        this.store = store;
        this.charts = charts;
    }

    record Card(String cluster, String range, long stepSeconds, long resolutionSeconds, int points, String cyclesChart,
                String startsChart, String rpcsChart) {
    }

    @GetMapping("/fragments/scheduler-history/{cluster}")
    String card(@PathVariable String cluster, @RequestParam(defaultValue = "24h") String range, Model model,
                Locale locale) {
        if (!clusters.names().contains(cluster)) {
            throw new UnknownClusterException(cluster);
        }
        String chosen = UtilizationPages.RANGES.containsKey(range) ? range : "24h";
        Instant now = Instant.now();
        UtilizationQuery q = UtilizationQuery.of(now.minus(UtilizationPages.RANGES.get(chosen)).toString(),
                now.toString(), null, now);
        SchedulerHistory h = store.read(cluster, q.from(), q.to(), q.step());
        List<Point> p = h.points();
        String cycles = charts.lines(h.from(), h.to(), p, Point::time, List.of(
                new Line<Point>("scheduler.history.mainMean", x -> ms(x.mainCycleMeanMicros())),
                new Line<Point>("scheduler.history.mainLongest", x -> ms((double) x.mainCycleLongestMicros())),
                new Line<Point>("scheduler.history.backfillMean", x -> ms(x.backfillCycleMeanMicros())),
                new Line<Point>("scheduler.history.backfillLongest", x -> ms((double) x.backfillCycleLongestMicros()))), locale);
        String starts = charts.lines(h.from(), h.to(), p, Point::time, List.of(
                new Line<Point>("scheduler.history.startedByMain", Point::jobsStartedByMainPerMinute),
                new Line<Point>("scheduler.history.startedByBackfill", Point::jobsStartedByBackfillPerMinute)), locale);
        String rpcs = charts.lines(h.from(), h.to(), p, Point::time, List.of(
                new Line<Point>("scheduler.history.rpcs", Point::rpcsPerMinute)), locale);
        model.addAttribute("card", new Card(cluster, chosen, h.stepSeconds(), h.resolutionSeconds(), p.size(), cycles,
                starts, rpcs));
        model.addAttribute("ranges", UtilizationPages.RANGES.keySet());
        return "history/scheduler :: card";
    }

    private static Double ms(Double micros) {
        return micros == null ? null : Math.round(micros / 10.0) / 100.0;
    }
}
