package org.slurmworkbench.workbench.submit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One row of "my jobs": a job, or an array with its tasks counted by state. */
public record JobGroup(String id, JobView first, List<JobView> members, Map<String, Long> tasksByState) {

    public boolean array() {
        return first.arrayJobId() != null;
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
                counts.merge(m.state(), m.arrayTaskId() == null && m.arrayTasks() != null ? taskCount(m.arrayTasks()) : 1L, Long::sum);
            }
            groups.add(new JobGroup(id, members.getFirst(), members, counts));
        });
        return groups;
    }

    /** How many tasks a pending record's range stands for ("3-9%2" -> 7); 1 where it cannot be read. */
    static long taskCount(String range) {
        long n = 0;
        for (String part : range.split("%")[0].split(",")) {
            try {
                String[] stepped = part.split(":");
                String[] ends = stepped[0].split("-");
                long first = Long.parseLong(ends[0]);
                long last = ends.length > 1 ? Long.parseLong(ends[1]) : first;
                long step = stepped.length > 1 ? Long.parseLong(stepped[1]) : 1;
                n += (last - first) / step + 1;
            } catch (NumberFormatException e) {
                n += 1;
            }
        }
        return Math.max(n, 1);
    }
}
