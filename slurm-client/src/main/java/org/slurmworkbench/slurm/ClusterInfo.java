package org.slurmworkbench.slurm;

import java.util.List;

/**
 * What discovery found out about a slurmrestd: the Slurm release, the cluster name (when the API tells it),
 * every API version it serves and the one this client uses.
 */
public record ClusterInfo(String release, String clusterName, List<ApiVersion> servedVersions, ApiVersion apiVersion) {
}
