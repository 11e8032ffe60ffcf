package org.slurmworkbench.slurm.rest;

import java.util.ArrayList;
import java.util.List;
import org.slurmworkbench.slurm.Share;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code shares.shares[]} of {@code GET /slurm/vX/shares} (v0.0.40 to v0.0.45). Floats are plain numbers on
 * v0.0.40 ({@code effective_usage}, {@code fairshare.factor}) and {@code {set, infinite, number}} later. Slurm writes an
 * infinite level FS as 2^64 ("Dumping (0xffffffffffffffff) as place holder for Infinity" in the warnings), which sshare
 * prints as "inf".
 */
public final class Shares {

    /** 2^64 as a double: Slurm's place holder for an infinite float. */
    private static final double INFINITY_PLACE_HOLDER = 1.8e19;
    /** NO_VAL as v0.0.40/41 write root's unset level FS (later versions write {@code set: false}). */
    private static final double NO_VAL = 4294967294.0;

    private Shares() {
    }

    public static List<Share> read(JsonNode body) {
        List<Share> out = new ArrayList<>();
        for (JsonNode s : body.path("shares").path("shares")) {
            boolean user = Json.states(s.path("type")).contains("USER");
            JsonNode level = s.path("fairshare").path("level");
            Double levelFs = Json.decimal(level);
            if (levelFs != null && levelFs == NO_VAL) {
                levelFs = null;
            }
            boolean infinite = Json.isInfinite(level) || levelFs != null && (levelFs >= INFINITY_PLACE_HOLDER || levelFs.isInfinite());
            out.add(new Share(
                    Json.integer(s.path("id"), 0),
                    s.path("name").asString(""),
                    s.path("parent").asString(""),
                    Json.text(s.path("partition")),
                    user,
                    Json.number(s.path("shares")),
                    Json.decimal(s.path("shares_normalized")),
                    Json.number(s.path("usage"), 0),
                    Json.decimal(s.path("usage_normalized")),
                    Json.decimal(s.path("effective_usage")),
                    user ? Json.decimal(s.path("fairshare").path("factor")) : null,
                    infinite ? null : levelFs,
                    infinite));
        }
        return out;
    }
}
