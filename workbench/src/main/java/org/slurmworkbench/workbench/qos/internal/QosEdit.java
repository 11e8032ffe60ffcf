package org.slurmworkbench.workbench.qos.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmworkbench.slurm.QosChange;
import org.slurmworkbench.slurm.Tres;

/**
 * An edit of a QOS, as the API takes it and the form produces it. A null field stays as it is. A TRES field is the
 * whole new limit ("gres/gpu=4,cpu=64"): a TRES limited before and missing here is removed, and "" removes them
 * all. A job-count limit of -1 removes it. {@code name} is read only when creating a QOS.
 */
record QosEdit(
        @Pattern(regexp = NAME, message = "{qos.error.name}") String name,
        @Size(max = 200, message = "{qos.error.description}") @Pattern(regexp = "[^\\p{Cntrl}]*", message = "{qos.error.description}") String description,
        @Min(value = 0, message = "{qos.error.priority}") @Max(value = MAX_PRIORITY, message = "{qos.error.priority}") Long priority,
        @Pattern(regexp = TRES, message = "{qos.error.tres}") String grpTres,
        @Pattern(regexp = TRES, message = "{qos.error.tres}") String maxTresPerUser,
        @Pattern(regexp = TRES, message = "{qos.error.tres}") String maxTresPerJob,
        @Min(value = -1, message = "{qos.error.jobs}") @Max(value = MAX_JOBS, message = "{qos.error.jobs}") Integer maxJobsPerUser,
        @Min(value = -1, message = "{qos.error.jobs}") @Max(value = MAX_JOBS, message = "{qos.error.jobs}") Integer maxSubmitJobsPerUser) {

    /** Slurm keeps QOS names in lower case; no leading dash, so a name can never read as a sacctmgr option. */
    static final String NAME = "[a-z0-9][a-z0-9_.-]{0,59}";
    /** "cpu=64", "gres/gpu=4", "gres/gpu:a100=2", "mem=512G", comma-separated; each TRES once is checked apart. */
    static final String ONE_TRES = "[a-z]+(/[a-z0-9_.:-]+)?=(\\d{1,12}[KMGT]?)";
    static final String TRES = "(" + ONE_TRES + "(," + ONE_TRES + ")*)?";
    static final long MAX_PRIORITY = 4_294_967_294L;
    static final int MAX_JOBS = 10_000_000;

    /** The limits after this edit, given those before it. */
    QosLimits applyTo(QosLimits before) {
        return new QosLimits(
                description == null ? before.description() : description.strip(),
                priority == null ? before.priority() : priority,
                grpTres == null ? before.grpTres() : normalized(grpTres),
                maxTresPerUser == null ? before.maxTresPerUser() : normalized(maxTresPerUser),
                maxTresPerJob == null ? before.maxTresPerJob() : normalized(maxTresPerJob),
                count(maxJobsPerUser, before.maxJobsPerUser()),
                count(maxSubmitJobsPerUser, before.maxSubmitJobsPerUser()));
    }

    /** What to send to slurmdbd to go from {@code before} to {@code after}: changed fields only. */
    static QosChange change(String name, QosLimits before, QosLimits after) {
        return new QosChange(name,
                before.description().equals(after.description()) ? null : after.description(),
                before.priority() == after.priority() ? null : after.priority(),
                tresChange(before.maxTresPerUser(), after.maxTresPerUser()),
                tresChange(before.maxTresPerJob(), after.maxTresPerJob()),
                tresChange(before.grpTres(), after.grpTres()),
                countChange(before.maxJobsPerUser(), after.maxJobsPerUser()),
                countChange(before.maxSubmitJobsPerUser(), after.maxSubmitJobsPerUser()),
                null);
    }

    /** The TRES whose limit differs, with -1 for those no longer limited. */
    private static Map<String, Long> tresChange(String before, String after) {
        Map<String, Long> was = Tres.parse(before).values();
        Map<String, Long> now = Tres.parse(after).values();
        Map<String, Long> change = new LinkedHashMap<>();
        now.forEach((tres, count) -> {
            if (!count.equals(was.get(tres))) {
                change.put(tres, count);
            }
        });
        was.keySet().stream().filter(t -> !now.containsKey(t)).forEach(t -> change.put(t, QosChange.REMOVE));
        return change;
    }

    private static Integer countChange(Integer before, Integer after) {
        if (java.util.Objects.equals(before, after)) {
            return null;
        }
        return after == null ? (int) QosChange.REMOVE : after;
    }

    private static Integer count(Integer edit, Integer before) {
        if (edit == null) {
            return before;
        }
        return edit < 0 ? null : edit;
    }

    /** As Slurm will show it: memory in MB, the order kept. */
    private static String normalized(String tres) {
        return Tres.parse(tres.strip()).toString();
    }

    /** A TRES string names each TRES at most once (the pattern cannot say so). */
    static boolean hasDuplicateTres(String tres) {
        if (tres == null || tres.isBlank()) {
            return false;
        }
        List<String> names = java.util.Arrays.stream(tres.split(",")).filter(p -> p.indexOf('=') > 0)
                .map(p -> p.substring(0, p.indexOf('=')).strip()).toList();
        return names.stream().distinct().count() < names.size();
    }
}
