package org.slurmworkbench.workbench.qos.internal;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "QOS", description = "QOS limits and their current use; admin-only edits with an audit log")
class QosApi {

    private final QosReader reader;
    private final QosEditor editor;
    private final QosAuditStore audit;
    private final Ceilings ceilings;

    QosApi(QosReader reader, QosEditor editor, QosAuditStore audit, Ceilings ceilings) {
        this.reader = reader;
        this.editor = editor;
        this.audit = audit;
        this.ceilings = ceilings;
    }

    @GetMapping("/api/v1/clusters/{cluster}/qos")
    @Operation(summary = "Every QOS with its limits and their current use (running jobs; pending ones for submit limits)")
    List<QosUse> all(@PathVariable String cluster) {
        return reader.all(cluster);
    }

    @GetMapping("/api/v1/clusters/{cluster}/qos/{name}")
    @Operation(summary = "One QOS with its limits and their current use")
    QosUse one(@PathVariable String cluster, @PathVariable String name) {
        return reader.one(cluster, name).orElseThrow(() -> QosEditor.problem(HttpStatus.NOT_FOUND, "No such QOS",
                "No QOS " + name + " on " + cluster));
    }

    @GetMapping("/api/v1/clusters/{cluster}/qos/{name}/ceiling")
    @Operation(summary = "A QOS's GPU and CPU use against its ceilings over time, with the jobs pending on QOS limits, "
            + "the cluster's idle GPUs and the intervals where a ceiling was touched",
            description = "From the sampler's records (workbench.qos.sample-interval). A bad parameter answers 400 naming it.")
    CeilingView ceiling(@PathVariable String cluster, @PathVariable String name,
                        @Parameter(description = "ISO-8601 instant; default: 24 hours before 'to'") @RequestParam(required = false) String from,
                        @Parameter(description = "ISO-8601 instant; default: now") @RequestParam(required = false) String to) {
        return ceilings.view(cluster, name, from, to);
    }

    @PatchMapping("/api/v1/clusters/{cluster}/qos/{name}")
    @Operation(summary = "Change a QOS's limits (admins)", description = "Fields left out stay as they are; a TRES "
            + "field is the whole new limit (\"\" removes it), a job count of -1 removes it. With dryRun=true only the "
            + "diff is answered. The QOS is read back after the change; the attempt is recorded in the audit log.")
    ResponseEntity<?> change(@PathVariable String cluster, @PathVariable String name, @Valid @RequestBody QosEdit edit,
                             @Parameter(description = "answer the diff without changing anything")
                             @RequestParam(defaultValue = "false") boolean dryRun) {
        WorkbenchUser me = CurrentUser.require();
        if (dryRun) {
            return ResponseEntity.ok(editor.plan(me, cluster, name, edit, false));
        }
        return ResponseEntity.ok(editor.apply(me, cluster, name, edit, false));
    }

    @PostMapping("/api/v1/clusters/{cluster}/qos")
    @Operation(summary = "Create a QOS (admins)", description = "name is required; the other fields as for a change.")
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    ResponseEntity<QosEditor.Result> create(@PathVariable String cluster, @Valid @RequestBody QosEdit edit) {
        WorkbenchUser me = CurrentUser.require();
        if (edit.name() == null || edit.name().isBlank()) {
            throw FieldProblems.invalid("name", "is required");
        }
        QosEditor.Result result = editor.apply(me, cluster, edit.name(), edit, true);
        return ResponseEntity.created(URI.create("/api/v1/clusters/" + cluster + "/qos/" + edit.name())).body(result);
    }

    @GetMapping("/api/v1/qos/audit")
    @Operation(summary = "The QOS audit log, newest first (admins)")
    List<QosAuditStore.Entry> audit(@RequestParam(required = false) String cluster, @RequestParam(required = false) String qos,
                               @Parameter(description = "at most this many entries, 1 to 500")
                               @RequestParam(defaultValue = "100") int limit) {
        if (!CurrentUser.require().isAdmin()) {
            throw new AccessDeniedException("the QOS audit log is for admins");
        }
        if (limit < 1 || limit > QosAuditStore.MAX_ROWS) {
            throw FieldProblems.invalid("limit", "must be between 1 and " + QosAuditStore.MAX_ROWS);
        }
        return audit.recent(cluster, qos, limit);
    }
}
