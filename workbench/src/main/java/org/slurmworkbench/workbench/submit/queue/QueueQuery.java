package org.slurmworkbench.workbench.submit.queue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slurmworkbench.workbench.cluster.HostList;
import org.slurmworkbench.workbench.web.FieldProblems;

/**
 * One question to the queue, checked field by field (a bad one is a 400 naming it). List filters take values
 * separated by commas, as squeue does ({@code user=alice,bob}); {@code state} takes Slurm's state names or
 * {@code all} (by default the states squeue lists: jobs not yet ended). {@code name} is a prefix of the job name,
 * {@code array} an array's job id. Null or empty means "any".
 */
record QueueQuery(List<String> users, List<String> accounts, List<String> partitions, List<String> qos,
                  List<String> states, String reason, String name, List<String> nodes, Long array,
                  Column sort, boolean descending, int page, int size, boolean expand) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    private static final int MAX_VALUES = 100;
    private static final int MAX_NODES = 10_000;
    private static final Pattern HOST_LIST = Pattern.compile("[A-Za-z0-9_.\\-\\[\\],]{1,1000}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.@+\\-\\[\\]]{1,128}");

    /** The columns the queue sorts by, as the {@code sort} parameter names them. */
    enum Column {
        ID, NAME, USER, ACCOUNT, PARTITION, QOS, STATE, REASON, PRIORITY, SUBMIT, START, TIME_LEFT, TIME_LIMIT, NODES, CPUS;

        String param() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Column of(String param) {
            return Arrays.stream(values()).filter(c -> c.param().equals(param)).findFirst()
                    .orElseThrow(() -> FieldProblems.invalid("sort", "must be one of " + Arrays.stream(values())
                            .map(Column::param).toList() + ", not '" + param + "'"));
        }
    }

    static QueueQuery of(String user, String account, String partition, String qos, String state, String reason,
                         String name, String node, String array, String sort, String dir, Integer page, Integer size,
                         Boolean expand) {
        if (page != null && page < 1) {
            throw FieldProblems.invalid("page", "must be 1 or more, not " + page);
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw FieldProblems.invalid("size", "must be a number of rows from 1 to " + MAX_SIZE + ", not " + size);
        }
        String d = blank(dir) ? "desc" : dir.strip().toLowerCase(Locale.ROOT);
        if (!d.equals("asc") && !d.equals("desc")) {
            throw FieldProblems.invalid("dir", "must be asc or desc, not '" + dir + "'");
        }
        Long arrayId = null;
        if (!blank(array)) {
            if (!array.strip().matches("[1-9]\\d{0,11}")) {
                throw FieldProblems.invalid("array", "must be an array's job id (e.g. 123), not '" + array + "'");
            }
            arrayId = Long.parseLong(array.strip());
        }
        if (!blank(name) && name.length() > 200) {
            throw FieldProblems.invalid("name", "must be at most 200 characters");
        }
        List<String> states = list("state", state).stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
        if (states.stream().anyMatch(s -> !s.matches("[A-Z_]{1,32}"))) {
            throw FieldProblems.invalid("state", "must be Slurm job states (e.g. PENDING,RUNNING) or all");
        }
        return new QueueQuery(list("user", user), list("account", account), list("partition", partition), list("qos", qos),
                states, blank(reason) ? null : one("reason", reason), blank(name) ? null : name.strip(), nodes(node),
                arrayId, blank(sort) ? Column.PRIORITY : Column.of(sort.strip().toLowerCase(Locale.ROOT)), d.equals("desc"),
                page == null ? 1 : page, size == null ? DEFAULT_SIZE : size, Boolean.TRUE.equals(expand));
    }

    /** Whether every state is asked for, not only those of jobs that have not ended. */
    boolean allStates() {
        return states.contains("ALL");
    }

    private static List<String> list(String field, String text) {
        if (blank(text)) {
            return List.of();
        }
        List<String> values = Arrays.stream(text.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (values.size() > MAX_VALUES) {
            throw FieldProblems.invalid(field, "takes at most " + MAX_VALUES + " values");
        }
        values.forEach(v -> one(field, v));
        return values;
    }

    /** Node names or host lists as squeue -w takes them: {@code c1,g[1-2]}. */
    private static List<String> nodes(String text) {
        if (blank(text)) {
            return List.of();
        }
        if (!HOST_LIST.matcher(text.strip()).matches()) {
            throw FieldProblems.invalid("node", "must be node names or a host list such as c[1-2],g1 (letters, digits, "
                    + "'.', '_', '-', brackets and commas; at most 1000 characters)");
        }
        try {
            return HostList.expand(text.strip(), MAX_NODES);
        } catch (IllegalArgumentException e) {
            throw FieldProblems.invalid("node", "must be node names or a host list such as c[1-2],g1: " + e.getMessage());
        }
    }

    private static String one(String field, String value) {
        String v = value.strip();
        if (!VALUE.matcher(v).matches()) {
            throw FieldProblems.invalid(field, "must be Slurm names (letters, digits, '.', '_', '-', '@', '+'; at most "
                    + "128 each), not '" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'");
        }
        return v;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
