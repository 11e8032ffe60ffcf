package org.slurmworkbench.slurm.rest;

import java.util.ArrayList;
import java.util.List;
import org.slurmworkbench.slurm.Reservation;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code reservations[]} of {@code GET /slurm/vX/reservations}: the same field names from v0.0.38 to v0.0.45;
 * times are plain integers on v0.0.38 and {@code {set, infinite, number}} later, users and accounts comma lists.
 */
public final class Reservations {

    private Reservations() {
    }

    public static List<Reservation> read(JsonNode body) {
        List<Reservation> out = new ArrayList<>();
        for (JsonNode r : body.path("reservations")) {
            out.add(new Reservation(
                    r.path("name").asString(""),
                    Json.text(r.path("node_list")),
                    Json.integer(r.path("node_count"), 0),
                    Json.integer(r.path("core_count"), 0),
                    Json.strings(r.path("users")),
                    Json.strings(r.path("accounts")),
                    Json.instant(r.path("start_time")),
                    Json.instant(r.path("end_time")),
                    Json.states(r.path("flags")),
                    Json.text(r.path("tres")),
                    Json.text(r.path("partition")),
                    Json.text(r.path("features"))));
        }
        return out;
    }
}
