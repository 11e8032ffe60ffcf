package org.slurmworkbench.workbench.cluster.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.workbench.cluster.ClusterStatus;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code clusters} component of {@code /actuator/health}: each cluster's reachability as a detail whose
 * {@code status} is UP or DOWN. The component itself is UP while at least one cluster is reachable, so a
 * workbench serving several clusters stays UP when one of them is down (its other clusters, history and
 * accounting still work); it is DOWN only when no cluster at all can be reached.
 */
@Component("clusters")
class ClustersHealthIndicator implements HealthIndicator {

    private final Clusters clusters;

    ClustersHealthIndicator(Clusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public Health health() {
        List<ClusterStatus> statuses = clusters.statuses();
        Map<String, Object> details = new LinkedHashMap<>();
        for (ClusterStatus s : statuses) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("status", s.reachable() ? Status.UP.getCode() : Status.DOWN.getCode());
            if (s.reachable()) {
                d.put("release", s.release());
                d.put("apiVersion", s.apiVersion());
            } else {
                d.put("error", s.error());
            }
            d.put("checkedAt", s.checkedAt().toString());
            details.put(s.name(), d);
        }
        boolean anyReachable = statuses.stream().anyMatch(ClusterStatus::reachable);
        return (anyReachable ? Health.up() : Health.down()).withDetails(details).build();
    }
}
