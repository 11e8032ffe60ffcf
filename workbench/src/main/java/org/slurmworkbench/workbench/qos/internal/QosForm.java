package org.slurmworkbench.workbench.qos.internal;

import java.util.Map;

/**
 * The edit form as typed: every limit shown as it is, so an emptied TRES or job-count field removes that limit and
 * an empty priority is 0. Numbers that are not numbers become field errors here; the rest is checked as the API's
 * {@link QosEdit}.
 */
record QosForm(String cluster, String name, boolean create, String description, String priority, String grpTres,
               String maxTresPerUser, String maxTresPerJob, String maxJobsPerUser, String maxSubmitJobsPerUser) {

    static QosForm of(String cluster, String name, QosLimits l) {
        Map<String, String> f = l.fields();
        return new QosForm(cluster, name, false, f.get("description"), f.get("priority"), f.get("grpTres"),
                f.get("maxTresPerUser"), f.get("maxTresPerJob"), f.get("maxJobsPerUser"), f.get("maxSubmitJobsPerUser"));
    }

    static QosForm create(String cluster) {
        return new QosForm(cluster, "", true, "", "0", "", "", "", "", "");
    }

    /** The edit this form asks for; {@code errors} gets a message code per field that is not a number. */
    QosEdit toEdit(Map<String, String> errors) {
        return new QosEdit(trim(name), trim(description), number("priority", priority, 0L, errors),
                trim(grpTres), trim(maxTresPerUser), trim(maxTresPerJob),
                count("maxJobsPerUser", maxJobsPerUser, errors), count("maxSubmitJobsPerUser", maxSubmitJobsPerUser, errors));
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static Integer count(String field, String text, Map<String, String> errors) {
        Long n = number(field, text, -1L, errors);
        if (n != null && (n < -1 || n > QosEdit.MAX_JOBS)) {
            errors.put(field, "qos.error.jobs");
            return null;
        }
        return n == null ? null : n.intValue();
    }

    private static Long number(String field, String text, long empty, Map<String, String> errors) {
        String t = trim(text);
        if (t.isEmpty()) {
            return empty;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            errors.put(field, "qos.error.number");
            return null;
        }
    }
}
