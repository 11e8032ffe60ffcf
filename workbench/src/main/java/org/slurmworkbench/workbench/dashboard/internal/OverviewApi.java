package org.slurmworkbench.workbench.dashboard.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@Tag(name = "Dashboard", description = "Live state of a cluster, as sinfo, squeue -r and scontrol show it")
class OverviewApi {

    private final OverviewCache overviews;

    OverviewApi(OverviewCache overviews) {
        this.overviews = overviews;
    }

    /** The JSON is written once per cluster and second and shared by all requests (see {@link ServedOverview}). */
    @GetMapping(value = "/api/v1/clusters/{cluster}/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A cluster's nodes by state, CPUs, GPUs, memory, jobs (pending by reason, array tasks counted "
            + "one by one), partitions, top users and accounts, and the node grid",
            description = "Shared by all viewers and renewed every few seconds. When slurmrestd cannot be reached the "
                    + "answer is still 200: the last known overview with stale=true, its ageSeconds and the error "
                    + "(or, if there was never one, stale=true without fetchedAt). Carries an ETag: a request with "
                    + "If-None-Match of the same answer gets 304 Not Modified.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = Overview.class)))
    @ApiResponse(responseCode = "304", description = "Not modified since the answer with the ETag given in If-None-Match")
    ResponseEntity<byte[]> overview(@PathVariable String cluster, WebRequest request) {
        ServedOverview served = overviews.served(cluster);
        if (request.checkNotModified(served.etag())) {
            return null; // 304, headers set by checkNotModified
        }
        // no-cache (not Spring Security's no-store): clients may keep it but must revalidate, which the ETag makes cheap.
        return ResponseEntity.ok().eTag(served.etag()).cacheControl(CacheControl.noCache().cachePrivate())
                .contentType(MediaType.APPLICATION_JSON).body(served.json());
    }
}
