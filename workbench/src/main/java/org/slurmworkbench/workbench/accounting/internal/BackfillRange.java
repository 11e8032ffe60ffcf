package org.slurmworkbench.workbench.accounting.internal;

import java.time.Instant;
import java.util.Set;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.util.MultiValueMap;

/** A backfill asked for by an admin (API or page): one configured cluster and a range before now, checked field by field. */
record BackfillRange(String cluster, Instant from, Instant to) {

    /** The range from {@code cluster}, {@code from} and {@code to} (default now); a 400 naming each wrong field. */
    static BackfillRange parse(MultiValueMap<String, String> params, Clusters clusters) {
        QueryParams p = new QueryParams(params, Set.of("cluster", "from", "to"));
        String cluster = cluster(p, clusters);
        Instant now = Instant.now();
        Instant from = p.time("from", null);
        Instant to = p.time("to", now);
        if (from == null) {
            p.error("from", "is required");
        } else if (from.isAfter(now)) {
            p.error("from", "is in the future: slurmdbd has nothing to backfill there");
        }
        p.range(from, to);
        p.check();
        return new BackfillRange(cluster, from, to.isAfter(now) ? now : to);
    }

    /** The required {@code cluster} parameter of the sync's admin requests: one of the configured clusters. */
    static String cluster(QueryParams p, Clusters clusters) {
        String cluster = p.one("cluster");
        if (cluster == null) {
            p.error("cluster", "is required");
        } else if (!clusters.names().contains(cluster)) {
            p.error("cluster", "is not a configured cluster; known: " + String.join(", ", clusters.names()));
        }
        return cluster;
    }
}
