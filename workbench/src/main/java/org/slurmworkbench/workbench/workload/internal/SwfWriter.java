package org.slurmworkbench.workbench.workload.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes SWF 2.2: {@code ;} header lines, then one line of 18 space-separated fields per job. Formats numbers
 * straight into a byte buffer (SWF is ASCII): a million lines take a fraction of a second. Not thread-safe;
 * {@link #close()} flushes and closes the stream.
 */
public final class SwfWriter implements Closeable {

    private static final int BUFFER = 1 << 16;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int pos;

    public SwfWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes {@code ; <line>}; line breaks in the text are replaced, so a header line stays one line. */
    public SwfWriter header(String line) throws IOException {
        byte[] bytes = ("; " + line.replaceAll("[\\r\\n]+", " ")).getBytes(StandardCharsets.US_ASCII);
        ensure(bytes.length + 1);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        buf[pos++] = '\n';
        return this;
    }

    public SwfWriter write(SwfRecord r) throws IOException {
        ensure(18 * 21 + 1);
        number(r.jobNumber());
        number(r.submitTime());
        number(r.waitTime());
        number(r.runTime());
        number(r.allocatedProcessors());
        if (r.averageCpuTime() == Math.rint(r.averageCpuTime())) {
            number((long) r.averageCpuTime());
        } else {
            byte[] d = String.format(java.util.Locale.ROOT, "%.2f", r.averageCpuTime()).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(d, 0, buf, pos, d.length);
            pos += d.length;
            buf[pos++] = ' ';
        }
        number(r.usedMemory());
        number(r.requestedProcessors());
        number(r.requestedTime());
        number(r.requestedMemory());
        number(r.status());
        number(r.userId());
        number(r.groupId());
        number(r.executable());
        number(r.queue());
        number(r.partition());
        number(r.precedingJob());
        number(r.thinkTime());
        buf[pos - 1] = '\n';
        return this;
    }

    /**
     * A whole plan: array tasks as one line each (SWF knows no arrays), submit times in whole seconds; users,
     * accounts (groups), QOS (queues) and partitions numbered from 1 in order of appearance and named in the header.
     */
    public static void write(WorkloadPlan plan, OutputStream out) throws IOException {
        Map<String, Integer> users = numbering(plan, PlannedJob::user);
        Map<String, Integer> groups = numbering(plan, PlannedJob::account);
        Map<String, Integer> queues = numbering(plan, PlannedJob::qos);
        Map<String, Integer> partitions = numbering(plan, PlannedJob::partition);
        int maxProcs = 0;
        for (PlannedJob j : plan.jobs()) {
            maxProcs = Math.max(maxProcs, j.cpus());
        }
        try (SwfWriter w = new SwfWriter(out)) {
            w.header("Version: 2.2");
            w.header("Computer: Slurm Workbench plan");
            w.header("Note: source " + plan.source() + ", seed " + plan.seed());
            w.header("MaxJobs: " + plan.slurmJobs());
            w.header("MaxRecords: " + plan.slurmJobs());
            w.header("MaxProcs: " + maxProcs);
            w.header("Note: submit time = offset from the start of the run; run time = planned run time");
            names(w, "user", users);
            names(w, "group (account)", groups);
            names(w, "queue (QOS)", queues);
            names(w, "partition", partitions);
            long number = 0;
            for (PlannedJob j : plan.jobs()) {
                long submit = j.submitOffsetMillis() / 1000;
                int user = users.getOrDefault(j.user(), -1);
                int group = j.account() == null ? -1 : groups.get(j.account());
                int queue = j.qos() == null ? -1 : queues.get(j.qos());
                int partition = j.partition() == null ? -1 : partitions.get(j.partition());
                for (int t = 0; t < j.slurmJobs(); t++) {
                    w.write(SwfRecord.planned(++number, submit, j.runSeconds(), j.cpus(), j.timeLimitMinutes() * 60L,
                            user, group, queue, partition));
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }

    public void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
        out.flush();
    }

    private void ensure(int room) throws IOException {
        if (pos + room > buf.length) {
            out.write(buf, 0, pos);
            pos = 0;
        }
        if (room > buf.length) {
            throw new IOException("SWF header line too long: " + room + " bytes");
        }
    }

    /** The decimal digits of {@code v} and a space, without a String per number. */
    private void number(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                byte[] d = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(d, 0, buf, pos, d.length);
                pos += d.length;
                buf[pos++] = ' ';
                return;
            }
            buf[pos++] = '-';
            v = -v;
        }
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, k = pos - 1; i < k; i++, k--) {
            byte tmp = buf[i];
            buf[i] = buf[k];
            buf[k] = tmp;
        }
        buf[pos++] = ' ';
    }

    private static Map<String, Integer> numbering(WorkloadPlan plan, java.util.function.Function<PlannedJob, String> f) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (PlannedJob j : plan.jobs()) {
            String name = f.apply(j);
            if (name != null && !numbers.containsKey(name)) {
                numbers.put(name, numbers.size() + 1);
            }
        }
        return numbers;
    }

    private static void names(SwfWriter w, String what, Map<String, Integer> numbers) throws IOException {
        List<String> parts = new ArrayList<>();
        numbers.forEach((name, n) -> parts.add(n + "=" + name));
        for (int i = 0; i < parts.size(); i += 50) {
            w.header("Note: " + what + " " + String.join(" ", parts.subList(i, Math.min(parts.size(), i + 50))));
        }
    }
}
