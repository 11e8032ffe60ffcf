package org.slurmworkbench.slurm.rest;

import java.util.ArrayList;
import java.util.List;
import org.slurmworkbench.slurm.Account;
import tools.jackson.databind.JsonNode;

/**
 * {@code /slurmdb/<version>/accounts}: v0.0.38 and v0.0.40-45 answer the same shape, {@code accounts[]} with
 * {@code name}, {@code description}, {@code organization} and {@code coordinators[].name}; only how coordinators
 * are asked for differs (each adapter's own query).
 */
public final class Accounts {

    private Accounts() {
    }

    public static List<Account> read(JsonNode body) {
        List<Account> out = new ArrayList<>();
        for (JsonNode a : body.path("accounts")) {
            List<String> coordinators = new ArrayList<>();
            a.path("coordinators").forEach(c -> coordinators.add(Json.text(c.path("name"))));
            out.add(new Account(Json.text(a.path("name")), Json.text(a.path("description")),
                    Json.text(a.path("organization")), coordinators));
        }
        return out;
    }
}
