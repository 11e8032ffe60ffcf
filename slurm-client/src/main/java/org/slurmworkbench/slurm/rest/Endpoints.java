package org.slurmworkbench.slurm.rest;

import java.util.Set;

/** Turns request paths into endpoint names of bounded cardinality, for metrics and logs that group calls. */
public final class Endpoints {

    /** Path segments after which slurmrestd expects an id or a name. */
    private static final Set<String> NAMED = Set.of("job", "node", "partition", "qos", "user", "account",
            "reservation", "cluster", "wckey", "association");
    /** Segments after {@link #NAMED} ones that are actions, not names. */
    private static final Set<String> ACTIONS = Set.of("submit", "allocate", "state");

    private Endpoints() {
    }

    /** {@code /slurm/v0.0.42/job/123_4} becomes {@code /slurm/v0.0.42/job/{id}}; the query is dropped. */
    public static String template(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        int query = path.indexOf('?');
        String[] segments = (query < 0 ? path : path.substring(0, query)).split("/");
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean named = NAMED.contains(segments[i - 1]) && !ACTIONS.contains(segment) && !segment.isEmpty();
            out.append('/').append(named ? "{id}" : segment);
        }
        return out.isEmpty() ? "/" : out.toString();
    }
}
