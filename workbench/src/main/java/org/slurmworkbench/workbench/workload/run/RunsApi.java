package org.slurmworkbench.workbench.workload.run;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Workload runs: create (from parameters or jobs; from an SWF upload see {@code swf.SwfApi}), watch, control, delete. */
@RestController
@RequestMapping("/api/v1/workloads/runs")
@Tag(name = "Workload runs", description = "Store a workload, submit it through the queue, watch, pause, resume, cancel")
class RunsApi {

    private final Runs runs;

    RunsApi(Runs runs) {
        this.runs = runs;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a run from generator parameters or an explicit list of jobs (admins only, test users only)",
            description = "The run and all its jobs are stored before anything is queued; POST .../start submits them.")
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    ResponseEntity<Runs.RunView> create(@Valid @RequestBody RunRequest request) {
        return created(runs.create(CurrentUser.require(), request));
    }

    private ResponseEntity<Runs.RunView> created(Run run) {
        return ResponseEntity.created(URI.create("/api/v1/workloads/runs/" + run.id())).body(runs.view(run.id()));
    }

    @GetMapping
    @Operation(summary = "Runs, newest first, with their progress (admins only)")
    List<Runs.RunView> list() {
        return runs.list(CurrentUser.require());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One run with its progress (queued, submitted, failed, rate, ETA); admins and its creator only")
    Runs.RunView get(@PathVariable String id) {
        return runs.view(CurrentUser.require(), id);
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "Start submitting a created run")
    Runs.RunView start(@PathVariable String id) {
        return runs.view(runs.start(CurrentUser.require(), id).id());
    }

    @PostMapping("/{id}/repeat")
    @Operation(summary = "Create a new run of the same plan and seed (admins only); start it with POST .../start",
            description = "Same jobs, arrival offsets, seed, cluster, concurrency and rate limit as the run repeated.")
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    ResponseEntity<Runs.RunView> repeat(@PathVariable String id) {
        return created(runs.repeat(CurrentUser.require(), id));
    }

    @PostMapping("/{id}/pause")
    @Operation(summary = "Pause: no new submissions; the plan's remaining offsets shift by the pause")
    Runs.RunView pause(@PathVariable String id) {
        return runs.view(runs.pause(CurrentUser.require(), id).id());
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume a paused run")
    Runs.RunView resume(@PathVariable String id) {
        return runs.view(runs.resume(CurrentUser.require(), id).id());
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel: nothing more is submitted; with scancel=true what was submitted is cancelled in Slurm")
    Runs.RunView cancel(@PathVariable String id, @RequestParam(defaultValue = "false") boolean scancel) {
        return runs.view(runs.cancel(CurrentUser.require(), id, scancel).id());
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a run that is not active (its Slurm jobs and accounting stay)")
    ResponseEntity<Void> delete(@PathVariable String id) {
        runs.delete(CurrentUser.require(), id);
        return ResponseEntity.noContent().build();
    }
}
