package org.slurmworkbench.workbench.accounting.internal;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.CurrentUser;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin controls of the sync: its state per cluster (with backfill progress), a sync now, and a backfill of a
 * range that runs in the background and survives restarts.
 */
@RestController
@Tag(name = "Accounting sync", description = "The accounting sync from slurmdbd (admins only)")
@RequestMapping("/api/v1/accounting/sync")
class SyncApi {

    private final AccountingSync sync;
    private final Clusters clusters;

    SyncApi(AccountingSync sync, Clusters clusters) {
        this.sync = sync;
        this.clusters = clusters;
    }

    @GetMapping
    @Operation(summary = "Where the accounting sync of each cluster stands (admins only)",
            description = "syncedUntil: everything until then is stored; syncing: an incremental sync runs now; "
                    + "lastError: why the last one failed; backfill range and progress from 0 to 1.")
    List<SyncStatus> statuses() {
        requireAdmin();
        return sync.statuses();
    }

    /**
     * Incremental sync of one cluster, now. Within {@code now-wait} it answers 200 with how many job records it read
     * (or the sync's own error: 503 when slurmdbd is away); a longer one goes on in the background and the answer is
     * 202 with the time the request was taken: everything until then is stored once the cluster's
     * {@code syncedUntil} (in the status) reaches it.
     */
    @PostMapping("/now")
    @Operation(summary = "Sync one cluster now (admins only)",
            description = "Starts an incremental sync after any running one. 200 with the number of job records read "
                    + "when it ends within now-wait (10 s); 503 when slurmdbd or slurmrestd is away; otherwise 202 with "
                    + "requestedAt while it goes on: it is done when the cluster's syncedUntil reaches requestedAt.")
    @ApiResponse(responseCode = "200", description = "Synced within now-wait: cluster and jobs read", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "202", description = "Still syncing in the background: cluster, requestedAt, syncing; Location: the status", useReturnTypeSchema = true)
    ResponseEntity<Map<String, Object>> now(@RequestParam MultiValueMap<String, String> params) throws InterruptedException {
        requireAdmin();
        QueryParams p = new QueryParams(params, Set.of("cluster"));
        String cluster = BackfillRange.cluster(p, clusters);
        p.check();
        AccountingSync.NowOutcome outcome = sync.syncNow(cluster);
        if (outcome.done()) {
            return ResponseEntity.ok(Map.of("cluster", cluster, "jobs", outcome.jobs()));
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/accounting/sync"))
                .body(Map.of("cluster", cluster, "requestedAt", outcome.requestedAt().toString(), "syncing", true));
    }

    @PostMapping("/backfill")
    @Operation(summary = "Backfill a range of one cluster's history in the background (admins only)",
            description = "202 at once; progress in GET /api/v1/accounting/sync; resumes after a restart.")
    @ApiResponse(responseCode = "202", description = "Backfill started: cluster, from, to", useReturnTypeSchema = true)
    ResponseEntity<Map<String, Object>> backfill(@RequestParam MultiValueMap<String, String> params) {
        requireAdmin();
        BackfillRange range = BackfillRange.parse(params, clusters);
        sync.startBackfill(range);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("cluster", range.cluster(),
                "from", range.from().toString(), "to", range.to().toString()));
    }

    private static void requireAdmin() {
        if (!CurrentUser.require().isAdmin()) {
            throw new AccessDeniedException("accounting sync is for admins");
        }
    }
}
