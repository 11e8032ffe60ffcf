package org.slurmworkbench.workbench.workload.swf;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slurmworkbench.workbench.workload.plan.Capacity.PartitionCapacity;
import org.slurmworkbench.workbench.workload.plan.Capacity;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.slurmworkbench.workbench.workload.plan.WorkloadPlan;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Example;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Load;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Machine;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Reason;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Target;
import org.slurmworkbench.workbench.workload.swf.SwfReport.Users;
import org.slurmworkbench.workbench.workload.swf.SwfScaling.TraceJob;

/**
 * Reads an SWF 2.2 trace as a stream of bytes, one line at a time into a fixed buffer: a file of any size, a header
 * of any length or a line of gigabytes costs the same memory (what is kept is the plan's jobs, at most
 * {@link SwfOptions#maxJobs()}). Bad lines are skipped and reported, never thrown. Header keys read: Version,
 * MaxProcs, MaxNodes. Jobs are scaled ({@link SwfScaling}) after the last line: the trace's machine size may be its
 * largest job's.
 */
final class SwfReader {

    /** Longer lines are skipped unread (a real SWF line has 18 numbers: well under 300 bytes). */
    public static final int MAX_LINE = 4096;
    /** Examples kept per skip reason. */
    public static final int EXAMPLES_PER_REASON = 3;
    private static final int EXAMPLE_CHARS = 120;
    private static final int FIELDS = 18;
    private static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private final SwfOptions options;
    private final PartitionCapacity target;
    private final List<String> users;

    private final byte[] line = new byte[MAX_LINE];
    private final long[] fields = new long[FIELDS];
    private final Map<Reason, Long> skippedBy = new EnumMap<>(Reason.class);
    private final List<Example> examples = new ArrayList<>();
    private final List<TraceJob> jobs = new ArrayList<>();
    private long lines;
    private long headerLines;
    private String version;
    private Long maxProcs;
    private Long maxNodes;
    private long largestJob;
    private double traceProcessorSeconds;
    private long traceFirst = Long.MAX_VALUE;
    private long traceLast = Long.MIN_VALUE;

    private SwfReader(SwfOptions options, Capacity capacity, List<String> users) {
        this.options = options;
        String partition = options.partition();
        this.target = partition == null ? capacity.defaultPartition() : capacity.partition(partition);
        if (target == null || target.nodes() == 0 || target.cpusPerNode() == 0) {
            throw new IllegalArgumentException("no partition with nodes to import into: " + partition);
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no users to map the trace's users onto");
        }
        this.users = List.copyOf(users);
    }

    /**
     * Reads {@code in} to its end (the caller closes it). SWF user ids map onto {@code users} deterministically:
     * user id {@code u} becomes {@code users[(u - 1) mod users.size()]}, so ids 1, 2, 3 become the first three; a job
     * without a user (-1) goes by its job number the same way.
     *
     * @throws IOException only when reading the stream fails, never for its content
     */
    public static SwfImport read(InputStream in, String source, SwfOptions options, Capacity capacity,
                                 List<String> users) throws IOException {
        SwfReader reader = new SwfReader(options, capacity, users);
        reader.readAll(in);
        return reader.result(source);
    }

    private void readAll(InputStream in) throws IOException {
        byte[] chunk = new byte[1 << 16];
        int length = 0;
        boolean tooLong = false;
        boolean pending = false;
        for (int n; (n = in.read(chunk)) > 0; ) {
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (b == '\n') {
                    line(length, tooLong);
                    length = 0;
                    tooLong = false;
                    pending = false;
                } else {
                    pending = true;
                    if (length < MAX_LINE) {
                        line[length++] = b;
                    } else {
                        tooLong = true;
                    }
                }
            }
        }
        if (pending) {
            line(length, tooLong);
        }
    }

    private void line(int length, boolean tooLong) {
        lines++;
        int start = 0;
        while (start < length && whitespace(line[start])) {
            start++;
        }
        if (start < length && line[start] == ';') {
            headerLines++;
            if (!tooLong) {
                header(new String(line, start + 1, length - start - 1, java.nio.charset.StandardCharsets.ISO_8859_1).trim());
            }
            return;
        }
        if (tooLong) {
            skip(Reason.LINE_TOO_LONG, length);
            return;
        }
        if (start == length) {
            return; // blank line
        }
        Reason bad = parse(start, length);
        if (bad != null) {
            skip(bad, length);
            return;
        }
        job(length);
    }

    /** Splits the line into {@link #fields}; answers why it cannot, or null. */
    private Reason parse(int from, int to) {
        int count = 0;
        int i = from;
        Reason bad = null;
        while (i < to) {
            while (i < to && whitespace(line[i])) {
                i++;
            }
            if (i == to) {
                break;
            }
            int tokenStart = i;
            while (i < to && !whitespace(line[i])) {
                byte b = line[i];
                if (b < 0x20 || b >= 0x7f) {
                    return Reason.MALFORMED;
                }
                i++;
            }
            if (count < FIELDS) {
                long v = number(tokenStart, i);
                if (v == NOT_A_NUMBER) {
                    bad = Reason.NON_NUMERIC;
                } else {
                    fields[count] = v;
                }
            }
            count++;
        }
        if (count != FIELDS) {
            return Reason.FIELD_COUNT;
        }
        return bad;
    }

    /** A whole or decimal number (decimals rounded half up), or {@link #NOT_A_NUMBER}. */
    private long number(int from, int to) {
        int i = from;
        boolean negative = false;
        if (line[i] == '-' || line[i] == '+') {
            negative = line[i] == '-';
            i++;
        }
        long v = 0;
        int digits = 0;
        for (; i < to && line[i] >= '0' && line[i] <= '9'; i++, digits++) {
            if (digits >= 18) {
                return NOT_A_NUMBER;
            }
            v = v * 10 + (line[i] - '0');
        }
        if (i < to && line[i] == '.') {
            i++;
            boolean roundUp = i < to && line[i] >= '5' && line[i] <= '9';
            int fraction = 0;
            for (; i < to && line[i] >= '0' && line[i] <= '9'; i++) {
                fraction++;
            }
            if (digits == 0 && fraction == 0) {
                return NOT_A_NUMBER;
            }
            digits += fraction;
            v += roundUp ? 1 : 0;
        }
        if (i != to || digits == 0) {
            return NOT_A_NUMBER;
        }
        return negative ? -v : v;
    }

    private void job(int length) {
        long number = fields[0];
        long submit = fields[1];
        long run = fields[3];
        long processors = fields[7] > 0 ? fields[7] : fields[4];
        if (submit < 0) {
            skip(Reason.SUBMIT_TIME_MISSING, length);
            return;
        }
        if (run < 0) {
            skip(Reason.RUN_TIME_MISSING, length);
            return;
        }
        if (processors <= 0) {
            skip(Reason.PROCESSORS_MISSING, length);
            return;
        }
        // the machine's size is the trace's, so every job counts, in the window or not
        largestJob = Math.max(largestJob, processors);
        if ((options.fromSecond() != null && submit < options.fromSecond())
                || (options.toSecond() != null && submit >= options.toSecond())
                || (options.fromJob() != null && number < options.fromJob())
                || (options.toJob() != null && number > options.toJob())) {
            skip(Reason.OUT_OF_WINDOW, length);
            return;
        }
        boolean tooBig = !options.scaleOrDefault() && (processors > target.cpus()
                || (processors + target.cpusPerNode() - 1) / target.cpusPerNode() > target.nodes());
        boolean full = jobs.size() >= options.maxJobsOrDefault();
        if (!full) {
            // the trace's own load is of what it asked, jobs too big to import included
            traceProcessorSeconds += (double) processors * run;
            traceFirst = Math.min(traceFirst, submit);
            traceLast = Math.max(traceLast, submit);
        }
        if (tooBig) {
            skip(Reason.TOO_BIG, length);
            return;
        }
        if (full) {
            skip(Reason.OVER_LIMIT, length);
            return;
        }
        jobs.add(new TraceJob(lines, number, submit, run, processors, fields[8], fields[11]));
    }

    private void header(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return;
        }
        String key = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).trim();
        switch (key) {
            case "version" -> version = value.length() > 20 ? value.substring(0, 20) : value;
            case "maxprocs" -> maxProcs = positive(value);
            case "maxnodes" -> maxNodes = positive(value);
            default -> {
            }
        }
    }

    private static Long positive(String value) {
        try {
            long v = Long.parseLong(value);
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void skip(Reason reason, int length) {
        long count = skippedBy.merge(reason, 1L, Long::sum);
        if (count <= EXAMPLES_PER_REASON) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < Math.min(length, EXAMPLE_CHARS); i++) {
                byte b = line[i];
                text.append(b < 0x20 || b >= 0x7f ? '?' : (char) b);
            }
            examples.add(new Example(lines, reason, text.toString().strip()));
        }
    }

    private SwfImport result(String source) {
        Machine machine = SwfScaling.machine(maxProcs, maxNodes, largestJob);
        SwfScaling scaling = new SwfScaling(options, target, machine);
        long first = Long.MAX_VALUE;
        Set<Long> traceUsers = new HashSet<>();
        long withoutUser = 0;
        Map<String, Long> perUser = new LinkedHashMap<>();
        users.forEach(u -> perUser.put(u, 0L));
        List<PlannedJob> planned = new ArrayList<>(jobs.size());
        for (TraceJob j : jobs) {
            first = Math.min(first, j.submit());
            if (j.user() >= 1) {
                traceUsers.add(j.user());
            } else {
                withoutUser++;
            }
            String user = user(j);
            perUser.merge(user, 1L, Long::sum);
            planned.add(scaling.plan(j, user));
        }
        jobs.clear();
        double compression = options.compressionOrDefault();
        List<PlannedJob> timed = new ArrayList<>(planned.size());
        for (PlannedJob j : planned) {
            // the offset held the trace's submit time: the first job sets time zero
            long offset = Math.round((j.submitOffsetMillis() - first) * 1000 / compression);
            timed.add(new PlannedJob(0, offset, j.user(), j.account(), j.partition(), j.qos(), j.nodes(), j.cpus(),
                    j.gpusPerNode(), j.runSeconds(), j.timeLimitMinutes(), 0));
        }
        planned.clear();
        timed.sort(Comparator.comparingLong(PlannedJob::submitOffsetMillis)); // stable: file order among equals
        List<PlannedJob> numbered = new ArrayList<>(timed.size());
        for (PlannedJob j : timed) {
            numbered.add(new PlannedJob(numbered.size() + 1, j.submitOffsetMillis(), j.user(), j.account(), j.partition(),
                    j.qos(), j.nodes(), j.cpus(), j.gpusPerNode(), j.runSeconds(), j.timeLimitMinutes(), 0));
        }
        long traceSpan = traceFirst > traceLast ? 0 : traceLast - traceFirst;
        double planSpan = numbered.isEmpty() ? 0 : numbered.getLast().submitOffsetMillis() / 1000.0;
        Double traceLoad = load(traceProcessorSeconds, machine.processors(), traceSpan);
        Double planLoad = load(scaling.planCpuSeconds(), target.cpus(), planSpan);
        Load load = new Load(traceProcessorSeconds, scaling.expectedCpuSeconds(), scaling.planCpuSeconds(),
                traceLoad, planLoad, traceLoad == null || planLoad == null || traceLoad == 0 ? null : planLoad / traceLoad - 1);
        long skipped = skippedBy.values().stream().mapToLong(Long::longValue).sum();
        examples.sort(Comparator.comparingLong(Example::line));
        SwfReport report = new SwfReport(lines, headerLines, numbered.size(), skipped,
                Collections.unmodifiableMap(new EnumMap<>(skippedBy)), List.copyOf(examples), version, maxProcs, maxNodes,
                machine, options.scaleOrDefault(), scaling.factor(), new Target(target.name(), target.nodes(), target.cpus()), load,
                scaling.changedJobs(), scaling.changedBy(), scaling.examples(),
                new Users(users, traceUsers.size(), withoutUser, Collections.unmodifiableMap(perUser)));
        return new SwfImport(new WorkloadPlan(source, 0, numbered), report);
    }

    /**
     * The test user of a trace job: by its user id, so one trace user stays one test user; a job without a user
     * (-1, or 0) by its job number, so such jobs spread evenly rather than all landing on one test user.
     */
    private String user(TraceJob j) {
        long key = j.user() >= 1 ? j.user() - 1 : j.number() - 1;
        return users.get((int) Math.floorMod(key, (long) users.size()));
    }

    /** Processor-seconds over processors times the span, or null without a span. */
    private static Double load(double processorSeconds, long processors, double spanSeconds) {
        return spanSeconds <= 0 || processors <= 0 ? null : processorSeconds / (processors * spanSeconds);
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
