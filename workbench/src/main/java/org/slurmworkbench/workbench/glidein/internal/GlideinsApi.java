package org.slurmworkbench.workbench.glidein.internal;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.slurmworkbench.workbench.security.CurrentUser;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The pilot factory API: an outside factory (or a user) asks for N pilots for a pool and follows them. */
@RestController
@RequestMapping("/api/v1/clusters/{cluster}/glideins")
@Tag(name = "Glideins", description = "HTCondor glidein pilots as a Slurm job array of your own Slurm user")
class GlideinsApi {

    private final GlideinCheck check;
    private final GlideinFactory factory;

    GlideinsApi(GlideinCheck check, GlideinFactory factory) {
        this.check = check;
        this.factory = factory;
    }

    /** A request as the API answers it: never its token. */
    record GlideinAnswer(long id, String cluster, String name, String pool, String collector, int count, Long arrayJobId,
                         String owner, String slurmUser, String credential, Instant createdAt, Instant cancelledAt,
                         boolean active, GlideinRequest request, List<Pilot> pilots) {

        static GlideinAnswer of(GlideinFactory.Glidein g) {
            GlideinRequestStore.Stored s = g.request();
            return new GlideinAnswer(s.id(), s.cluster(), s.name(), s.pool(), s.collector(), s.pilots(), s.arrayJobId(),
                    s.owner(), s.slurmUser(), s.credential(), s.createdAt(), s.cancelledAt(), g.active(), s.request(), g.pilots());
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Ask for pilots", description = "count pilots (one Slurm array) for the pool at collector "
            + "(host:port), with one of token (pasted IDTOKEN; kept only in the job's environment), tokenFile or "
            + "poolPasswordFile (paths on the cluster); lifetime is the Slurm time limit (e.g. 2:00:00), idle the "
            + "seconds without a claim before a pilot leaves; attributes are extra slot ClassAd attributes "
            + "(name -> expression, strings in double quotes). Every field is checked before anything reaches Slurm; "
            + "an invalid one answers 400 naming it.")
    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    ResponseEntity<GlideinAnswer> create(@PathVariable String cluster, @RequestBody GlideinRequest body)
            throws MethodArgumentNotValidException {
        WorkbenchUser me = CurrentUser.require();
        GlideinCheck.Result checked = check.check(cluster, me.slurmUser(), body);
        if (checked.errors().hasErrors()) {
            throw new MethodArgumentNotValidException(bodyParameter(), checked.errors());
        }
        GlideinRequestStore.Stored s = factory.submit(cluster, me, body, checked.minutes());
        return ResponseEntity.created(URI.create("/api/v1/clusters/" + cluster + "/glideins/" + s.id()))
                .body(GlideinAnswer.of(factory.get(cluster, me, s.id())));
    }

    @GetMapping
    @Operation(summary = "Your glidein requests and their pilots (admins: everyone's)")
    List<GlideinAnswer> list(@PathVariable String cluster) {
        return factory.list(cluster, CurrentUser.require()).stream().map(GlideinAnswer::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of your glidein requests with each pilot's Slurm state, node and elapsed time")
    GlideinAnswer one(@PathVariable String cluster, @PathVariable long id) {
        return GlideinAnswer.of(factory.get(cluster, CurrentUser.require(), id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Cancel every pilot of one of your glidein requests")
    ResponseEntity<Void> cancel(@PathVariable String cluster, @PathVariable long id) {
        factory.cancel(cluster, CurrentUser.require(), id);
        return ResponseEntity.noContent().build();
    }

    private static MethodParameter bodyParameter() {
        try {
            return new MethodParameter(GlideinsApi.class.getDeclaredMethod("create", String.class, GlideinRequest.class), 1);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
