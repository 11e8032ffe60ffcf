package org.slurmworkbench.workbench.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * How many tasks an array's task string stands for, and which, as {@code squeue -r} would list them: "0-99%10" is 100,
 * "3,5-9" is 6, "1-9:2" is 5. slurmrestd lists a pending array as one record with such a string until its
 * tasks start.
 */
public final class ArrayTasks {

    private ArrayTasks() {
    }

    /** The number of tasks, at least 1 for an empty or unreadable string (the record is one job then). */
    public static long count(String taskString) {
        if (taskString == null || taskString.isBlank()) {
            return 1;
        }
        String ranges = taskString.strip();
        int limit = ranges.indexOf('%'); // "%10" only limits how many run at once
        if (limit >= 0) {
            ranges = ranges.substring(0, limit);
        }
        long total = 0;
        try {
            for (String part : ranges.split(",")) {
                total += countRange(part.strip());
            }
        } catch (NumberFormatException e) {
            return 1;
        }
        return Math.max(total, 1);
    }

    private static long countRange(String part) {
        if (part.isEmpty()) {
            return 0;
        }
        long step = 1;
        int colon = part.indexOf(':');
        if (colon >= 0) {
            step = Math.max(1, Long.parseLong(part.substring(colon + 1)));
            part = part.substring(0, colon);
        }
        int dash = part.indexOf('-');
        if (dash < 0) {
            Long.parseLong(part);
            return 1;
        }
        long from = Long.parseLong(part.substring(0, dash));
        long to = Long.parseLong(part.substring(dash + 1));
        return to < from ? 0 : (to - from) / step + 1;
    }

    /** The task ids, in the string's order, at most {@code max}; empty for an empty or unreadable string. */
    public static List<Integer> ids(String taskString, int max) {
        List<Integer> out = new ArrayList<>();
        if (taskString == null || taskString.isBlank()) {
            return out;
        }
        String ranges = taskString.strip();
        int limit = ranges.indexOf('%');
        ranges = limit >= 0 ? ranges.substring(0, limit) : ranges;
        try {
            for (String part : ranges.split(",")) {
                String[] stepped = part.strip().split(":");
                String[] ends = stepped[0].split("-");
                int from = Integer.parseInt(ends[0]);
                int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
                int step = stepped.length > 1 ? Math.max(1, Integer.parseInt(stepped[1])) : 1;
                for (int t = from; t <= to && out.size() < max; t += step) {
                    out.add(t);
                }
            }
        } catch (NumberFormatException e) {
            return List.of();
        }
        return out;
    }
}
