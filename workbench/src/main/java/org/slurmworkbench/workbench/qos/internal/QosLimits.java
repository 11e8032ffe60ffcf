package org.slurmworkbench.workbench.qos.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slurmworkbench.slurm.Qos;

/**
 * The editable limits of a QOS as {@code sacctmgr} writes them: TRES limits as TRES strings ("gres/gpu=4,cpu=64",
 * "" for none), job counts null when unlimited. What an edit changes, what the diff compares and what the audit log
 * keeps before and after.
 */
record QosLimits(
        String description,
        long priority,
        String grpTres,
        String maxTresPerUser,
        String maxTresPerJob,
        Integer maxJobsPerUser,
        Integer maxSubmitJobsPerUser) implements java.io.Serializable {

    /** The fields that hold TRES limits. */
    static final java.util.Set<String> TRES_FIELDS = java.util.Set.of("grpTres", "maxTresPerUser", "maxTresPerJob");

    static final QosLimits NONE = new QosLimits("", 0, "", "", "", null, null);

    static QosLimits of(Qos q) {
        return new QosLimits(q.description() == null ? "" : q.description(), q.priority(), q.grpTres().toString(),
                q.maxTresPerUser().toString(), q.maxTresPerJob().toString(), q.maxJobsPerUser(), q.maxSubmitJobsPerUser());
    }

    /** Field name to value as shown ("" for no limit), in the order the page lists them. */
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("description", description);
        m.put("priority", Long.toString(priority));
        m.put("grpTres", grpTres);
        m.put("maxTresPerUser", maxTresPerUser);
        m.put("maxTresPerJob", maxTresPerJob);
        m.put("maxJobsPerUser", maxJobsPerUser == null ? "" : maxJobsPerUser.toString());
        m.put("maxSubmitJobsPerUser", maxSubmitJobsPerUser == null ? "" : maxSubmitJobsPerUser.toString());
        return m;
    }

    /** One changed field: its name and value before and after ("" for no limit). */
    public record Change(String field, String before, String after) implements java.io.Serializable {
    }

    /** The fields whose values differ from {@code other}, compared as Slurm stores them (TRES order ignored). */
    java.util.List<Change> changesTo(QosLimits other) {
        Map<String, String> a = fields();
        Map<String, String> b = other.fields();
        return a.keySet().stream().filter(k -> !sameValue(k, a.get(k), b.get(k)))
                .map(k -> new Change(k, a.get(k), b.get(k))).toList();
    }

    private static boolean sameValue(String field, String x, String y) {
        if (TRES_FIELDS.contains(field)) {
            return org.slurmworkbench.slurm.Tres.parse(x).values().equals(org.slurmworkbench.slurm.Tres.parse(y).values());
        }
        return Objects.equals(x, y);
    }
}
