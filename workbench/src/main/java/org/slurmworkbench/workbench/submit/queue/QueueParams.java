package org.slurmworkbench.workbench.submit.queue;

import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The queue's request parameters as sent (the API's and the page's, bound by name); {@link #query()} checks them.
 * The page also rebuilds its links from them, with one parameter changed (public for the templates).
 */
public record QueueParams(
        // the page's choice of cluster; the API takes it from its path
        @Parameter(hidden = true) String cluster, String user, String account, String partition, String qos, String state,
                   String reason, String name, String node, String array, String sort, String dir, Integer page,
                   Integer size, Boolean expand) {

    QueueQuery query() {
        return QueueQuery.of(user, account, partition, qos, state, reason, name, node, array, sort, dir, page, size, expand);
    }

    /** {@code path} with these parameters, {@code key} set to {@code value} (and back to page 1 unless it is the page). */
    public String link(String path, String key, Object value) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        put(b, "cluster", cluster);
        put(b, "user", user);
        put(b, "account", account);
        put(b, "partition", partition);
        put(b, "qos", qos);
        put(b, "state", state);
        put(b, "reason", reason);
        put(b, "name", name);
        put(b, "node", node);
        put(b, "array", array);
        put(b, "sort", sort);
        put(b, "dir", dir);
        put(b, "page", page);
        put(b, "size", size);
        put(b, "expand", Boolean.TRUE.equals(expand) ? true : null);
        if (key != null) {
            b.replaceQueryParam(key);
            put(b, key, value);
            if (!key.equals("page")) {
                b.replaceQueryParam("page");
            }
        }
        return b.encode().build().toUriString();
    }

    /** The same parameters for the link that sorts by {@code column}: its other direction if it is the current one. */
    public String sortLink(String path, String column, String currentSort, String currentDir) {
        String dir = column.equals(currentSort) && currentDir.equals("desc") ? "asc" : "desc";
        return new QueueParams(cluster, user, account, partition, qos, state, reason, name, node, array, column, dir,
                null, size, expand).link(path, null, null);
    }

    private static void put(UriComponentsBuilder b, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            b.queryParam(key, value);
        }
    }
}
