package org.slurmworkbench.workbench.submit.internal;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SubmitResult;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/clusters/{cluster}/jobs")
@Tag(name = "Jobs", description = "Submit, list, show, cancel, hold and release Slurm jobs as your own Slurm user")
class JobsApi {

    private final SpecReader reader;
    private final SubmissionCheck check;
    private final Submitter submitter;
    private final JobActions jobs;

    JobsApi(SpecReader reader, SubmissionCheck check, Submitter submitter, JobActions jobs) {
        this.reader = reader;
        this.check = check;
        this.submitter = submitter;
        this.jobs = jobs;
    }

    /** The answer to a submission: the job id and anything Slurm noted beside it (e.g. "job held"). */
    record Submitted(String cluster, long jobId, String user, List<SlurmError> notices) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a job", description = "Times and memory as sbatch writes them (e.g. 1-12:00:00, 4G); "
            + "every field is checked before anything reaches Slurm; an invalid one answers 400 naming it.")
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    ResponseEntity<Submitted> submit(@PathVariable String cluster,
                                     @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                                             schema = @Schema(implementation = JobSpec.class))) @RequestBody JsonNode body,
                                     HttpServletRequest request) throws MethodArgumentNotValidException {
        WorkbenchUser me = CurrentUser.require();
        JobSpec spec = reader.read(body, request);
        BindingResult errors = reader.validate(spec);
        String slurmUser = check.slurmUser(me, spec, errors);
        var submission = errors.hasErrors() || slurmUser == null ? null : check.check(cluster, slurmUser, spec, errors);
        if (submission == null) {
            throw new MethodArgumentNotValidException(specParameter(), errors);
        }
        SubmitResult result = submitter.submit(cluster, slurmUser, submission);
        return ResponseEntity.created(URI.create("/api/v1/clusters/" + cluster + "/jobs/" + result.jobId()))
                .body(new Submitted(cluster, result.jobId(), slurmUser, result.notices()));
    }

    @GetMapping
    @Operation(summary = "Your jobs: those slurmctld holds and those that ended in the last `days` (default 7, at most 90)",
            description = "Admins name any user with ?user=, coordinators users of their accounts. `state` is a Slurm "
                    + "job state, `active` or `ended`; `partition` exact; `name` a part of the name. Ended jobs come "
                    + "from the accounting copy or slurmdbd (see each record's `source` and `asOf`).")
    List<JobView> list(@PathVariable String cluster, @RequestParam(required = false) String user, @RequestParam(required = false) Integer days,
                       @RequestParam(required = false) String state, @RequestParam(required = false) String partition,
                       @RequestParam(required = false) String name) {
        JobFilter filter = new JobFilter(days, state, partition, name, null, null);
        return jobs.list(cluster, CurrentUser.require(), user, filter.daysOrDefault()).stream().filter(filter::matches).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of your jobs, from submit to history: 123 (every record of an array or het job), task "
            + "123_4, het component 123+1", description = "Live from slurmctld while it holds the job, then from the "
            + "accounting copy, or slurmdbd when the copy is behind; each record says which (`source`) and as of when.")
    List<JobView> one(@PathVariable String cluster, @PathVariable String id) {
        return jobs.views(cluster, CurrentUser.require(), JobRef.parse(id));
    }

    @GetMapping("/{id}/script")
    @Operation(summary = "The batch script of a job submitted through the workbench (its owner and admins only)")
    ResponseEntity<String> script(@PathVariable String cluster, @PathVariable String id) {
        // no "produces": a refusal must still be rendered as problem details whatever the client accepts
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
                .body(jobs.script(cluster, CurrentUser.require(), JobRef.parse(id)));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Cancel a job, a whole array (123) or one array task (123_4)")
    ResponseEntity<Void> cancel(@PathVariable String cluster, @PathVariable String id) {
        jobs.cancel(cluster, CurrentUser.require(), JobRef.parse(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/hold")
    @Operation(summary = "Hold a pending job")
    ResponseEntity<Void> hold(@PathVariable String cluster, @PathVariable String id) {
        jobs.hold(cluster, CurrentUser.require(), JobRef.parse(id), true);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/release")
    @Operation(summary = "Release a held job")
    ResponseEntity<Void> release(@PathVariable String cluster, @PathVariable String id) {
        jobs.hold(cluster, CurrentUser.require(), JobRef.parse(id), false);
        return ResponseEntity.noContent().build();
    }

    /** The {@code spec} parameter of {@link #submit}, which a field error found after binding is reported on. */
    private static MethodParameter specParameter() {
        try {
            return new MethodParameter(JobsApi.class.getDeclaredMethod("submit", String.class, JsonNode.class,
                    HttpServletRequest.class), 1);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

}
