package org.slurmworkbench.workbench.dashboard.internal;

/**
 * How many tasks an array's task string stands for, as {@code squeue -r} would list them: "0-99%10" is 100,
 * "3,5-9" is 6, "1-9:2" is 5. slurmrestd lists a pending array as one record with such a string until its
 * tasks start.
 */
final class ArrayTasks {

    private ArrayTasks() {
    }

    /** The number of tasks, at least 1 for an empty or unreadable string (the record is one job then). */
    static long count(String taskString) {
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
}
