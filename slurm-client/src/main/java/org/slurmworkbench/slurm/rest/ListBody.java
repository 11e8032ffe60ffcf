package org.slurmworkbench.slurm.rest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list answer ({@code {"meta": .., "jobs": [...], "errors": [...], ...}}) read as it streams in: each element of
 * the list field becomes a small tree, is lifted to its record at once and dropped, so the whole answer (~3 KB a job,
 * 300 MB for 100,000 jobs) is never held as bytes or as one tree. Every other top-level field is kept in
 * {@code rest}, which is small (meta, errors, warnings, last_update) and is what adapters read besides the items.
 */
public record ListBody<T>(List<T> items, ObjectNode rest) {

    /**
     * The items and the other fields; null when the body is not a JSON object.
     *
     * @throws JacksonException when the stream is not JSON or ends early (a lost connection surfaces as a
     *         {@link tools.jackson.core.exc.JacksonIOException})
     */
    public static <T> ListBody<T> read(InputStream in, String field, Function<JsonNode, T> item) {
        List<T> items = new ArrayList<>();
        ObjectNode rest = RestTransport.JSON.createObjectNode();
        try (JsonParser parser = RestTransport.JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                if (name.equals(field) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        items.add(item.apply(parser.readValueAsTree()));
                    }
                } else {
                    rest.set(name, (JsonNode) parser.readValueAsTree());
                }
            }
        }
        return new ListBody<>(items, rest);
    }
}
