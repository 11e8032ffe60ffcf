package org.slurmworkbench.workbench.submit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One row of "my jobs": a job, or an array with its tasks counted by state. */
record JobGroup(String id, JobView first, List<JobView> members, Map<String, Long> tasksByState) {

    public boolean array() {
        return first.arrayJobId() != null;
    }

    /** The members task by task as {@code squeue -r} orders them, the still pending rest of an array last. */
    public List<JobView> tasks() {
        return members.stream().sorted(java.util.Comparator.comparing(JobView::arrayTaskId,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))).toList();
    }

    public boolean active() {
        return members.stream().anyMatch(JobView::active);
    }

    /**
     * Groups records by array (one per started or ended task, one for the still pending rest) and by heterogeneous
     * job, keeping their order.
     */
    static List<JobGroup> of(List<JobView> jobs) {
        Map<String, List<JobView>> byId = new LinkedHashMap<>();
        for (JobView j : jobs) {
            String key = Long.toString(j.arrayJobId() != null ? j.arrayJobId() : j.hetJobId() != null ? j.hetJobId() : j.jobId());
            byId.computeIfAbsent(key, k -> new ArrayList<>()).add(j);
        }
        List<JobGroup> groups = new ArrayList<>();
        byId.forEach((id, members) -> {
            Map<String, Long> counts = new TreeMap<>();
            for (JobView m : members) {
                counts.merge(m.state(), m.taskCount(), Long::sum);
            }
            groups.add(new JobGroup(id, members.getFirst(), members, counts));
        });
        return groups;
    }
}
