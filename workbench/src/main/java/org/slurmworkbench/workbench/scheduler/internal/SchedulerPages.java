package org.slurmworkbench.workbench.scheduler.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.scheduler.SchedulerReadings;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The scheduler page of one cluster: its live card (sdiag's numbers in labelled tables with units, reloaded every
 * few seconds by htmx) and the history card, a fragment of the history module. The same report as the API.
 */
@Controller
class SchedulerPages {

    static final int REFRESH_SECONDS = 10;

    private final Clusters clusters;
    private final SchedulerReadings readings;

    SchedulerPages(Clusters clusters, SchedulerReadings readings) {
        this.clusters = clusters;
        this.readings = readings;
    }

    /** A labelled value: {@code value} is null when the Slurm version does not offer it; {@code unit} a message key. */
    record Row(String id, String label, String value, String unit) {
    }

    record Section(String id, String title, List<Row> rows) {
    }

    @GetMapping("/scheduler")
    String page(@RequestParam(required = false) String cluster, Model model) {
        model.addAttribute("nav", "scheduler");
        model.addAttribute("clusterNames", clusters.names());
        live(cluster, model);
        return "scheduler/page";
    }

    @GetMapping("/scheduler/live")
    String live(@RequestParam(required = false) String cluster, Model model) {
        String chosen = clusters.chosen(cluster);
        model.addAttribute("cluster", chosen);
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        if (chosen != null) {
            boolean admin = CurrentUser.get().map(WorkbenchUser::isAdmin).orElse(false);
            SchedulerReport report = SchedulerReport.of(readings.reading(chosen), SchedulerReport.DEFAULT_TOP, admin);
            model.addAttribute("report", report);
            model.addAttribute("sections", report.main() == null ? List.of() : sections(report));
            model.addAttribute("since", instant(report.statisticsSince()));
            model.addAttribute("readAt", instant(report.fetchedAt()));
        }
        return "scheduler/page :: live";
    }

    static List<Section> sections(SchedulerReport r) {
        SchedulerReport.Main m = r.main();
        SchedulerReport.Backfill b = r.backfill();
        SchedulerReport.Server s = r.server();
        SchedulerReport.Jobs j = r.jobs();
        List<Section> out = new ArrayList<>();
        out.add(new Section("main", "scheduler.main", List.of(
                time("main-last", "scheduler.cycle.last", m.lastCycleMicros()),
                time("main-mean", "scheduler.cycle.mean", m.meanCycleMicros()),
                time("main-max", "scheduler.cycle.max", m.maxCycleMicros()),
                count("main-cycles", "scheduler.cycles", m.cycles(), "scheduler.unit.cycles"),
                count("main-per-minute", "scheduler.cyclesPerMinute", m.cyclesPerMinute(), "scheduler.unit.perMinute"),
                count("main-depth", "scheduler.meanDepth", m.meanDepth(), "scheduler.unit.jobs"),
                count("main-queue", "scheduler.lastQueueLength", m.lastQueueLength(), "scheduler.unit.jobs"),
                count("main-started", "scheduler.main.started", m.jobsStarted(), "scheduler.unit.jobs"))));
        out.add(new Section("backfill", "scheduler.backfill", List.of(
                time("bf-last", "scheduler.cycle.last", b.lastCycleMicros()),
                time("bf-mean", "scheduler.cycle.mean", b.meanCycleMicros()),
                time("bf-max", "scheduler.cycle.max", b.maxCycleMicros()),
                count("bf-cycles", "scheduler.cycles", b.cycles(), "scheduler.unit.cycles"),
                count("bf-depth", "scheduler.backfill.lastDepth", b.lastDepth(), "scheduler.unit.jobs"),
                count("bf-depth-try", "scheduler.backfill.lastDepthTried", b.lastDepthTried(), "scheduler.unit.jobs"),
                count("bf-queue", "scheduler.lastQueueLength", b.lastQueueLength(), "scheduler.unit.jobs"),
                count("bf-started", "scheduler.backfill.started", b.jobsStarted(), "scheduler.unit.jobs"),
                count("bf-started-total", "scheduler.backfill.startedSinceStart", b.jobsStartedSinceSlurmctldStart(),
                        "scheduler.unit.jobs"),
                new Row("bf-when", "scheduler.backfill.lastCycleAt", instant(b.lastCycleAt()), null))));
        out.add(new Section("server", "scheduler.server", List.of(
                count("threads", "scheduler.server.threads", s.threads(), "scheduler.unit.threads"),
                count("agent-queue", "scheduler.server.agentQueue", s.agentQueueSize(), "scheduler.unit.messages"),
                count("agents", "scheduler.server.agents", s.agentCount(), null),
                count("agent-threads", "scheduler.server.agentThreads", s.agentThreads(), "scheduler.unit.threads"),
                count("dbd-queue", "scheduler.server.dbdQueue", s.dbdAgentQueueSize(), "scheduler.unit.messages"))));
        out.add(new Section("jobs", "scheduler.jobs", List.of(
                count("submitted", "scheduler.jobs.submitted", j.submitted(), "scheduler.unit.jobs"),
                count("started", "scheduler.jobs.started", j.started(), "scheduler.unit.jobs"),
                count("completed", "scheduler.jobs.completed", j.completed(), "scheduler.unit.jobs"),
                count("canceled", "scheduler.jobs.canceled", j.canceled(), "scheduler.unit.jobs"),
                count("failed", "scheduler.jobs.failed", j.failed(), "scheduler.unit.jobs"))));
        return out;
    }

    private static Row time(String id, String label, Long micros) {
        return new Row(id, label, micros == null ? null : millis(micros), "scheduler.unit.ms");
    }

    private static Row count(String id, String label, Long value, String unit) {
        return new Row(id, label, value == null ? null : String.format(Locale.ROOT, "%,d", value), unit);
    }

    /** Microseconds as milliseconds with three significant figures at most a few decimals: 1.65, 16.4, 7009. */
    static String millis(long micros) {
        double ms = micros / 1000.0;
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%,.0f", ms);
    }

    private static final java.time.format.DateTimeFormatter UTC = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private static String instant(Instant t) {
        return t == null ? null : UTC.format(t);
    }
}
