package org.slurmworkbench.workbench.history.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's utilization history cards: one per cluster, with 1 h / 24 h / 7 d / 30 d buttons that reload
 * the card (htmx). Charts are described for {@code static/js/charts.js} (kind "lines"); tooltips give the numbers.
 */
@Controller
class HistoryFragments {

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
    private final JsonMapper json;

    HistoryFragments(Clusters clusters, HistoryStore store, MessageSource messages, JsonMapper json) {
        this.clusters = clusters;
        this.store = store;
        this.messages = messages;
        this.json = json;
    }

    record Card(String cluster, String range, int points, String resourcesChart, String jobsChart) {
    }

    @GetMapping("/fragments/history")
    String all(Model model, Locale locale) {
        model.addAttribute("cards", clusters.names().stream().map(c -> card(c, "24h", locale)).toList());
        model.addAttribute("ranges", RANGES.keySet());
        return "dashboard/history :: history";
    }

    @GetMapping("/fragments/history/{cluster}")
    String one(@PathVariable String cluster, @RequestParam(defaultValue = "24h") String range, Model model, Locale locale) {
        if (!clusters.names().contains(cluster)) {
            throw new UnknownClusterException(cluster);
        }
        model.addAttribute("card", card(cluster, RANGES.containsKey(range) ? range : "24h", locale));
        model.addAttribute("ranges", RANGES.keySet());
        return "dashboard/history :: card";
    }

    private Card card(String cluster, String range, Locale locale) {
        Instant to = Instant.now();
        Duration span = RANGES.get(range);
        UtilizationQuery q = UtilizationQuery.of(to.minus(span).toString(), to.toString(), null, to);
        Utilization u = store.read(cluster, q.from(), q.to(), q.step());
        String resources = lines(u, locale, Map.of(
                "history.cpusAllocated", Point::cpusAllocated, "history.cpusTotal", Point::cpusTotal,
                "history.gpusAllocated", Point::gpusAllocated, "history.gpusTotal", Point::gpusTotal));
        String jobs = lines(u, locale, Map.of("history.jobsRunning", Point::jobsRunning,
                "history.jobsPending", Point::jobsPending));
        return new Card(cluster, range, u.total().size(), resources, jobs);
    }

    private String lines(Utilization u, Locale locale, Map<String, ToDoubleFunction<Point>> metrics) {
        List<Point> points = u.total();
        List<Map<String, Object>> series = new ArrayList<>();
        metrics.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(m -> {
            List<List<Object>> data = points.stream()
                    .map(p -> List.<Object>of(p.time().toEpochMilli(), m.getValue().applyAsDouble(p))).toList();
            series.add(Map.of("name", messages.getMessage("dashboard." + m.getKey(), null, m.getKey(), locale),
                    "data", data));
        });
        return json.writeValueAsString(Map.of("kind", "lines", "series", series, "min", u.from().toEpochMilli(),
                "max", u.to().toEpochMilli()));
    }
}
