package org.slurmworkbench.workbench.nodes.internal;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.slurmworkbench.slurm.Reservation;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Nodes and reservations", description = "Nodes as scontrol show node shows them, drain and resume, reservations: list, create, delete")
class NodesApi {

    private final NodeService nodes;
    private final NodeReads reads;
    private final ReservationChanges reservations;

    NodesApi(NodeService nodes, NodeReads reads, ReservationChanges reservations) {
        this.nodes = nodes;
        this.reads = reads;
        this.reservations = reservations;
    }

    @GetMapping("/api/v1/clusters/{cluster}/nodes")
    @Operation(summary = "Every node: state, reason (who set it, when), features, GRES, CPUs and load, memory in MiB, "
            + "partitions, reservations, and the jobs on it the caller may see",
            description = "At most a few seconds old. actions (admins only) says whether drain and resume can apply now.")
    List<NodeDetail> list(@PathVariable String cluster) {
        return nodes.nodes(cluster, CurrentUser.require());
    }

    @GetMapping("/api/v1/clusters/{cluster}/nodes/{name}")
    @Operation(summary = "One node", description = "404 for a node the cluster does not have.")
    NodeDetail node(@PathVariable String cluster, @PathVariable String name) {
        return nodes.node(cluster, name, CurrentUser.require());
    }

    @PostMapping("/api/v1/clusters/{cluster}/nodes/{name}/drain")
    @Operation(summary = "Drain a node (admins): it finishes its jobs and takes no new ones",
            description = "Body {\"reason\": \"...\"}, 1-200 characters (400 naming reason otherwise). 403 for non-admins; "
                    + "409 when the node is drained already; 501 where the cluster's REST API has no node update "
                    + "(Slurm 22.05, v0.0.38); Slurm's own refusals as 403/422 with its message.")
    @ApiResponse(responseCode = "409", description = "The node is already in the state asked for", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    ResponseEntity<Void> drain(@PathVariable String cluster, @PathVariable String name,
                               @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "{\"reason\": \"...\"}, optional")
                               @RequestBody(required = false) JsonNode body) {
        JsonNode reason = body == null ? null : body.path("reason");
        if (reason != null && !reason.isMissingNode() && !reason.isNull() && !reason.isString()) {
            throw FieldProblems.invalid("reason", "must be a string of 1-" + NodeService.MAX_REASON + " characters");
        }
        nodes.drain(cluster, name, reason == null || !reason.isString() ? null : reason.asString(), CurrentUser.require());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/clusters/{cluster}/nodes/{name}/resume")
    @Operation(summary = "Resume a drained or down node (admins)",
            description = "403 for non-admins; 409 when the node is neither drained nor down; 501 as for drain.")
    @ApiResponse(responseCode = "409", description = "The node is already in the state asked for", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    ResponseEntity<Void> resume(@PathVariable String cluster, @PathVariable String name) {
        nodes.resume(cluster, name, CurrentUser.require());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/clusters/{cluster}/reservations")
    @Operation(summary = "Every reservation, current and future, as scontrol show res shows it",
            description = "nodes as Slurm's host list, users and accounts as lists, times in UTC, flags upper case, TRES.")
    List<Reservation> reservations(@PathVariable String cluster) {
        return reads.reservations(cluster);
    }

    @GetMapping("/api/v1/clusters/{cluster}/reservations/{name}")
    @Operation(summary = "One reservation", description = "404 for a reservation the cluster does not have.")
    Reservation reservation(@PathVariable String cluster, @PathVariable String name) {
        return reads.reservation(cluster, name);
    }

    @PostMapping("/api/v1/clusters/{cluster}/reservations")
    @Operation(summary = "Create a (maintenance) reservation (admins; REST API v0.0.43+, Slurm 26.05 on the lab)",
            description = "Body {name, start, end | duration, nodes, users, accounts, flags}: start and end ISO-8601 "
                    + "(UTC without an offset; start empty: now), duration in minutes, nodes a host list or ALL, users and "
                    + "accounts lists (or comma lists; one of them at least), flags of MAINT, IGNORE_JOBS, OVERLAP, FLEX, "
                    + "MAGNETIC, STATIC, HOURLY, DAILY, WEEKDAY, WEEKEND, WEEKLY, NO_HOLD_JOBS_AFTER_END. 201 with the "
                    + "reservation as Slurm shows it; 400 naming each bad field; 409 when the name is taken; 403 for "
                    + "non-admins; 501 where the REST API cannot create reservations (22.05, 24.11); Slurm's refusals "
                    + "(e.g. nodes busy without IGNORE_JOBS) as 422 with its message.")
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The name is taken", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    ResponseEntity<Reservation> create(@PathVariable String cluster, @RequestBody(required = false) ReservationForm body) {
        Reservation made = reservations.create(cluster, body, CurrentUser.require());
        return ResponseEntity.created(java.net.URI.create("/api/v1/clusters/" + cluster + "/reservations/" + made.name()))
                .body(made);
    }

    @DeleteMapping("/api/v1/clusters/{cluster}/reservations/{name}")
    @Operation(summary = "Delete a reservation (admins; REST API v0.0.43+)",
            description = "204; 404 for a reservation the cluster does not have; 403 for non-admins; 501 as for create.")
    ResponseEntity<Void> delete(@PathVariable String cluster, @PathVariable String name) {
        reservations.delete(cluster, name, CurrentUser.require());
        return ResponseEntity.noContent().build();
    }
}
