package org.slurmworkbench.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * "Sync now" as an admin uses it: a 200 means the sync is done; a 202 means it goes on in the background, and it is
 * waited for until the cluster's {@code syncedUntil} reaches the answer's {@code requestedAt} (how long depends on how
 * many jobs the lab's slurmdbd holds for the lookback, which earlier tests and benchmarks fill).
 */
public final class SyncNow {

    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private SyncNow() {
    }

    /** Syncs the cluster through the API and returns once everything submitted before the call is stored. */
    public static void sync(TestHttp admin, String cluster) {
        TestHttp.Response synced = admin.post("/api/v1/accounting/sync/now?cluster=" + cluster, "text/plain", "");
        assertThat(synced.status()).as(synced.body()).isIn(200, 202);
        if (synced.status() == 202) {
            awaitCovered(admin, cluster, synced.json());
        }
    }

    /** Waits until the sync that a 202 answered {@code accepted} for has stored everything up to its request. */
    public static void awaitCovered(TestHttp admin, String cluster, JsonNode accepted) {
        assertThat(accepted.path("cluster").asString()).isEqualTo(cluster);
        awaitCovered(admin, cluster, Instant.parse(accepted.path("requestedAt").asString()));
    }

    /** Waits until the cluster's sync has stored everything up to {@code requested}. */
    public static void awaitCovered(TestHttp admin, String cluster, Instant requested) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode s = status(admin, cluster);
            assertThat(s).as("sync status of %s", cluster).isNotNull();
            String until = s.path("syncedUntil").asString("");
            assertThat(until).as("%s: the sync requested at %s: %s", cluster, requested, s).isNotEmpty();
            assertThat(Instant.parse(until)).as("%s: the sync requested at %s: %s", cluster, requested, s)
                    .isAfterOrEqualTo(requested);
        });
    }

    /** The cluster's entry of {@code GET /api/v1/accounting/sync}, or null. */
    public static JsonNode status(TestHttp admin, String cluster) {
        for (JsonNode s : admin.get("/api/v1/accounting/sync").json()) {
            if (s.path("cluster").asString().equals(cluster)) {
                return s;
            }
        }
        return null;
    }
}
