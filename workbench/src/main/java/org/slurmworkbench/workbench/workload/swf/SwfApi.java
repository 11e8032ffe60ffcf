package org.slurmworkbench.workbench.workload.swf;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.springdoc.core.annotations.ParameterObject;
import org.slurmworkbench.workbench.workload.plan.Capacity;
import org.slurmworkbench.workbench.workload.plan.InvalidWorkloadException;
import org.slurmworkbench.workbench.workload.plan.PlanRequest;
import org.slurmworkbench.workbench.workload.plan.PlanSources;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters;
import org.slurmworkbench.workbench.workload.run.Run;
import org.slurmworkbench.workbench.workload.run.Runs;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * SWF in the workload API: a generated plan as an SWF download, an uploaded trace previewed (summary, import report,
 * charts) and an uploaded trace created as a run. Previews and downloads are for any logged-in user (nothing reaches
 * Slurm but reads of nodes and partitions); runs for admins. Uploads are limited by
 * {@code spring.servlet.multipart.max-file-size} (413 beyond it). Each endpoint is listed with the plans or the runs.
 */
@RestController
@RequestMapping("/api/v1/workloads")
class SwfApi {

    private final PlanSources sources;
    private final SwfPreviews previews;
    private final SwfRuns swfRuns;
    private final Runs runs;

    SwfApi(PlanSources sources, SwfPreviews previews, SwfRuns swfRuns, Runs runs) {
        this.sources = sources;
        this.previews = previews;
        this.swfRuns = swfRuns;
        this.runs = runs;
    }

    @PostMapping(value = "/plan.swf", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Tag(name = "Workload plans")
    @Operation(summary = "Generate a plan from parameters and download it as SWF 2.2")
    void planSwf(@RequestBody PlanRequest request, HttpServletResponse response)
            throws MethodArgumentNotValidException, IOException {
        CurrentUser.require();
        String cluster = request.checkedCluster();
        Capacity capacity = sources.capacity(cluster);
        WorkloadParameters p;
        try {
            p = sources.checked(request.parameters(), capacity);
        } catch (InvalidWorkloadException e) {
            throw InvalidWorkloadException.badRequest(e.errors());
        }
        response.setContentType("text/plain;charset=US-ASCII");
        response.setHeader("Content-Disposition", "attachment; filename=\"plan-" + cluster + "-" + p.seed() + ".swf\"");
        // written as it is generated: a million-job plan is never held as a million objects
        SwfWriter.writeGenerated("generator", p, capacity, response.getOutputStream());
    }

    @PostMapping(value = "/swf/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Tag(name = "Workload plans")
    @Operation(summary = "Import an uploaded SWF trace and preview it: the trace's machine, the scaling factor, the "
            + "trace's and the plan's offered load, what was changed or skipped (and why), where the users went, and the plan",
            description = "Options as query parameters or as form fields beside the file.")
    SwfPreviews.SwfPreviewAnswer swfPreview(@RequestParam String cluster, @RequestPart("file") MultipartFile file,
                                            @ParameterObject @ModelAttribute SwfOptions options, Locale locale)
            throws MethodArgumentNotValidException, IOException {
        CurrentUser.require();
        try {
            return previews.preview(cluster, file, options, locale);
        } catch (InvalidWorkloadException e) {
            throw InvalidWorkloadException.badRequest(e.errors());
        }
    }

    @PostMapping(value = "/runs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Tag(name = "Workload runs")
    @Operation(summary = "Create a run from an uploaded SWF trace (admins only; jobs run as the test users)",
            description = "Options as for POST /api/v1/workloads/swf/preview (compression, window, scaling, maxJobs, ...), as "
                    + "query parameters or form fields beside the file.")
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    ResponseEntity<Runs.RunView> createFromSwf(@RequestParam String cluster, @RequestPart("file") MultipartFile file,
                                               @ParameterObject @ModelAttribute SwfOptions options,
                                               @RequestParam(required = false) Integer concurrency,
                                               @RequestParam(required = false) Integer rateLimit) throws IOException {
        Run run;
        try (InputStream in = file.getInputStream()) {
            run = swfRuns.create(CurrentUser.require(), cluster, in, SwfPreviews.fileName(file.getOriginalFilename()), options,
                    concurrency, rateLimit);
        }
        return ResponseEntity.created(URI.create("/api/v1/workloads/runs/" + run.id())).body(runs.view(run.id()));
    }
}
