package org.slurmworkbench.workbench.workload.swf;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slurmworkbench.workbench.shared.Chart;
import org.slurmworkbench.workbench.workload.plan.Capacity;
import org.slurmworkbench.workbench.workload.plan.PlanPreview;
import org.slurmworkbench.workbench.workload.plan.PlanSources;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.slurmworkbench.workbench.workload.plan.PreviewCharts;
import org.slurmworkbench.workbench.workload.plan.WorkloadPlan;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded SWF trace previewed before anything is created, the same for the API and the page: the import report,
 * said in plain sentences with its warnings, and the plan's summary, charts and first jobs. Bad options throw
 * {@link InvalidWorkloadException} naming each field ({@code options.compression}, ...).
 */
@Component
class SwfPreviews {

    private final PlanSources sources;
    private final SwfImporter importer;
    private final PreviewCharts charts;
    private final SwfReportText reportText;

    SwfPreviews(PlanSources sources, SwfImporter importer, PreviewCharts charts, SwfReportText reportText) {
        this.sources = sources;
        this.importer = importer;
        this.charts = charts;
        this.reportText = reportText;
    }

    /**
     * @param said     the report in plain sentences of the request's language
     * @param warnings what the report says that is worth stopping for (e.g. the plan's offered load is not the
     *                 trace's), in the same language; empty for none
     */
    record SwfPreviewAnswer(String source, SwfReport report, List<String> said, List<String> warnings,
                            PlanPreview.Summary summary, Map<String, Chart> charts,
                            List<PlannedJob> sample) {
    }

    SwfPreviewAnswer preview(String cluster, MultipartFile file, SwfOptions options, Locale locale) throws IOException {
        Capacity capacity = sources.capacity(cluster);
        SwfImport result;
        try (InputStream in = file.getInputStream()) {
            result = importer.importSwf(cluster, in, fileName(file.getOriginalFilename()), options, capacity);
        }
        WorkloadPlan plan = result.plan();
        long lastArrival = plan.jobs().isEmpty() ? 0 : plan.jobs().getLast().submitOffsetMillis() / 1000;
        PlanPreview preview = PlanPreview.of(plan, capacity, Math.max(1, lastArrival), result.report().changedJobs());
        return new SwfPreviewAnswer(plan.source(), result.report(), reportText.said(result.report(), locale),
                reportText.warnings(result.report(), locale), preview.summary(), charts.of(preview, locale),
                PlanPreview.sample(plan));
    }

    /**
     * The upload's own name, without a path and anything but plain characters (it ends up in the plan's and the
     * run's source).
     */
    static String fileName(String original) {
        String name = original == null ? "upload.swf" : original.replaceAll(".*[/\\\\]", "");
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() ? "upload.swf" : name.substring(0, Math.min(100, name.length()));
    }
}
