package org.slurmworkbench.workbench.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What the workbench last found out about one configured cluster. {@code error} is a short reason, only when
 * the cluster is not reachable (never a token, never a stack trace). {@code checkedAt} is when the probe ran.
 */
public record ClusterStatus(
        String name,
        boolean reachable,
        String release,
        String apiVersion,
        List<String> servedVersions,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error,
        Instant checkedAt) {

    public ClusterStatus {
        servedVersions = servedVersions == null ? List.of() : List.copyOf(servedVersions);
    }

    public static ClusterStatus unreachable(String name, String error, Instant checkedAt) {
        return new ClusterStatus(name, false, null, null, List.of(), error, checkedAt);
    }
}
