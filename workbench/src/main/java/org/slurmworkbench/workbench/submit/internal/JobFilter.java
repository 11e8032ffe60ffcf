package org.slurmworkbench.workbench.submit.internal;

import java.util.List;
import java.util.Locale;
import org.slurmworkbench.workbench.web.FieldProblems;

/**
 * What "my jobs" shows: jobs that ended within {@code days} days (1-90, default 7) besides those slurmctld holds,
 * narrowed by state (as Slurm names it, or {@code active} / {@code ended}), partition and a part of the name; one
 * page of {@link #PAGE_SIZE} rows. Null fields mean "any".
 */
record JobFilter(Integer days, String state, String partition, String name, Integer page, String expand) {

    static final int PAGE_SIZE = 50;
    static final int DEFAULT_DAYS = 7;
    static final int MAX_DAYS = 90;

    public JobFilter {
        state = blankToNull(state);
        partition = blankToNull(partition);
        name = blankToNull(name);
        expand = blankToNull(expand);
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw FieldProblems.invalid("days", "must be a number of days from 1 to " + MAX_DAYS + ", not " + days);
        }
        if (page != null && page < 1) {
            throw FieldProblems.invalid("page", "must be 1 or more, not " + page);
        }
        if (state != null && !state.matches("[A-Za-z_]{1,32}")) {
            throw FieldProblems.invalid("state", "must be a Slurm job state (e.g. RUNNING, COMPLETED), active or ended");
        }
        if (expand != null && !expand.matches("[1-9]\\d{0,11}(,[1-9]\\d{0,11}){0,19}")) {
            throw FieldProblems.invalid("expand", "must be the ids of up to 20 arrays whose tasks to list (e.g. 123,456)");
        }
        if (name != null && name.length() > 200) {
            throw FieldProblems.invalid("name", "must be at most 200 characters");
        }
    }

    static JobFilter none() {
        return new JobFilter(null, null, null, null, null, null);
    }

    public int daysOrDefault() {
        return days == null ? DEFAULT_DAYS : days;
    }

    /** Whether the array with this id is listed task by task. */
    public boolean expanded(String groupId) {
        return expand != null && List.of(expand.split(",")).contains(groupId);
    }

    /** {@code expand} with this array added or, when it is there, taken away. */
    public String toggled(String groupId) {
        List<String> ids = new java.util.ArrayList<>(expand == null ? List.of() : List.of(expand.split(",")));
        if (!ids.remove(groupId)) {
            ids.add(groupId);
        }
        while (ids.size() > 20) {
            ids.removeFirst();
        }
        return ids.isEmpty() ? null : String.join(",", ids);
    }

    public int pageOrFirst() {
        return page == null ? 1 : page;
    }

    public boolean matches(JobView j) {
        return (state == null || stateMatches(j)) && (partition == null || partition.equals(j.partition()))
                && (name == null || j.name() != null && j.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)));
    }

    private boolean stateMatches(JobView j) {
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "active" -> j.active();
            case "ended" -> !j.active();
            default -> state.equalsIgnoreCase(j.state());
        };
    }

    /** One page of rows, how many rows match in all, and which page of how many this is. */
    public record Paged(List<JobGroup> rows, int total, int page, int pages) {

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages;
        }
    }

    /** The groups with at least one member that matches, the requested page of them. */
    Paged page(List<JobGroup> groups) {
        List<JobGroup> matching = groups.stream().filter(g -> g.members().stream().anyMatch(this::matches)).toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(pageOrFirst(), pages);
        int from = (page - 1) * PAGE_SIZE;
        return new Paged(matching.subList(from, Math.min(matching.size(), from + PAGE_SIZE)), matching.size(), page, pages);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
