package org.slurmworkbench.slurm;

import java.util.Map;
import java.util.Objects;

/**
 * Creates a QOS or changes one in part: only the limits named here are touched. A TRES limit of -1 (or an
 * integer limit of -1) removes that limit, as {@code sacctmgr ... MaxTRESPerUser=gres/gpu=-1} does.
 */
public record QosChange(
        String name,
        String description,
        Long priority,
        Map<String, Long> maxTresPerUser,
        Map<String, Long> maxTresPerJob,
        Map<String, Long> grpTres,
        Integer maxJobsPerUser,
        Integer maxSubmitJobsPerUser,
        Integer maxWallMinutesPerJob) {

    public static final long REMOVE = -1;

    public QosChange {
        Objects.requireNonNull(name, "name");
        maxTresPerUser = maxTresPerUser == null ? Map.of() : Map.copyOf(maxTresPerUser);
        maxTresPerJob = maxTresPerJob == null ? Map.of() : Map.copyOf(maxTresPerJob);
        grpTres = grpTres == null ? Map.of() : Map.copyOf(grpTres);
    }

    public static QosChange named(String name) {
        return new QosChange(name, null, null, null, null, null, null, null, null);
    }

    public QosChange withMaxTresPerUser(String tres, long count) {
        return new QosChange(name, description, priority, Map.of(tres, count), maxTresPerJob, grpTres, maxJobsPerUser,
                maxSubmitJobsPerUser, maxWallMinutesPerJob);
    }

    public QosChange withGrpTres(String tres, long count) {
        return new QosChange(name, description, priority, maxTresPerUser, maxTresPerJob, Map.of(tres, count),
                maxJobsPerUser, maxSubmitJobsPerUser, maxWallMinutesPerJob);
    }

    public QosChange withDescription(String text) {
        return new QosChange(name, text, priority, maxTresPerUser, maxTresPerJob, grpTres, maxJobsPerUser,
                maxSubmitJobsPerUser, maxWallMinutesPerJob);
    }

    public QosChange withMaxJobsPerUser(Integer n) {
        return new QosChange(name, description, priority, maxTresPerUser, maxTresPerJob, grpTres, n,
                maxSubmitJobsPerUser, maxWallMinutesPerJob);
    }
}
