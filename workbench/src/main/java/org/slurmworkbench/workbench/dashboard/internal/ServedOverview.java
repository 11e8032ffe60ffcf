package org.slurmworkbench.workbench.dashboard.internal;

import org.slurmworkbench.workbench.dashboard.Overview;
import org.springframework.util.DigestUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * An overview as served, with its JSON (written on first use, then shared) and an ETag of that JSON, so a client
 * that already has it gets 304 and every other request of the same second gets the same bytes.
 */
final class ServedOverview {

    private final Overview overview;
    private final JsonMapper mapper;
    private volatile Json json;

    private record Json(byte[] bytes, String etag) {
    }

    ServedOverview(Overview overview, JsonMapper mapper) {
        this.overview = overview;
        this.mapper = mapper;
    }

    Overview overview() {
        return overview;
    }

    byte[] json() {
        return written().bytes();
    }

    /** A strong ETag: a digest of the exact bytes served. */
    String etag() {
        return written().etag();
    }

    private Json written() {
        Json j = json;
        if (j == null) {
            // Two requests racing here write the same bytes twice at worst; no lock on the warm path.
            byte[] bytes = mapper.writeValueAsBytes(overview);
            j = new Json(bytes, "\"" + DigestUtils.md5DigestAsHex(bytes) + "\"");
            json = j;
        }
        return j;
    }
}
