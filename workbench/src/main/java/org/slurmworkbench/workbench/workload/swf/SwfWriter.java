package org.slurmworkbench.workbench.workload.swf;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slurmworkbench.workbench.workload.plan.Capacity;
import org.slurmworkbench.workbench.workload.plan.PlannedJob;
import org.slurmworkbench.workbench.workload.plan.WorkloadGenerator;
import org.slurmworkbench.workbench.workload.plan.WorkloadParameters;
import org.slurmworkbench.workbench.workload.plan.WorkloadPlan;

/**
 * Writes SWF 2.2: {@code ;} header lines, then one line of 18 space-separated fields per job. Formats numbers
 * straight into a byte buffer (SWF is ASCII): a million lines take a fraction of a second. Not thread-safe;
 * {@link #close()} flushes and closes the stream.
 */
final class SwfWriter implements Closeable {

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
            // rounded as String.format's %.2f would (half up from the shortest decimal), without a Formatter
            String text = BigDecimal.valueOf(r.averageCpuTime()).setScale(2, RoundingMode.HALF_UP).toPlainString();
            if (r.averageCpuTime() < 0 && text.charAt(0) != '-') {
                text = "-" + text; // %.2f keeps the sign of a negative value that rounds to zero
            }
            byte[] d = text.getBytes(StandardCharsets.US_ASCII);
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
        PlanLines lines = new PlanLines();
        plan.jobs().forEach(lines);
        lines.writeTo(plan.source(), plan.seed(), out);
    }

    /**
     * Generates the plan and writes it as SWF ({@link #write(WorkloadPlan, OutputStream)} gives the same bytes)
     * without holding the plan: each job is formatted as it is drawn and then dropped, so that a million jobs are not
     * a million live objects for the garbage collector to copy. Packed plans are grouped in memory first.
     *
     * @return how many jobs were made smaller to fit their partition
     */
    public static long writeGenerated(String source, WorkloadParameters p, Capacity capacity, OutputStream out)
            throws IOException {
        if (Boolean.TRUE.equals(p.packArrays())) {
            WorkloadGenerator.Generated g = WorkloadGenerator.generate(source, p, capacity);
            write(g.plan(), out);
            return g.clampedJobs();
        }
        PlanLines lines = new PlanLines();
        long clamped = WorkloadGenerator.generate(p, capacity, lines);
        lines.writeTo(source, WorkloadGenerator.seed(p), out);
        return clamped;
    }

    /**
     * The job lines of a plan, taken one job at a time (from a list or straight from the generator) and kept as
     * bytes, never as jobs: the header, which names the numbers given in order of appearance, can only be written
     * once every job has been seen, and must come first.
     */
    public static final class PlanLines implements Consumer<PlannedJob> {

        private final Map<String, Integer> users = new LinkedHashMap<>();
        private final Map<String, Integer> groups = new LinkedHashMap<>();
        private final Map<String, Integer> queues = new LinkedHashMap<>();
        private final Map<String, Integer> partitions = new LinkedHashMap<>();
        private final Chunks body = new Chunks();
        private final SwfWriter lines = new SwfWriter(body);
        private long number;
        private int maxProcs;

        @Override
        public void accept(PlannedJob j) {
            maxProcs = Math.max(maxProcs, j.cpus());
            long submit = j.submitOffsetMillis() / 1000;
            int user = numberOf(users, j.user());
            int group = numberOf(groups, j.account());
            int queue = numberOf(queues, j.qos());
            int partition = numberOf(partitions, j.partition());
            try {
                for (int t = 0; t < j.slurmJobs(); t++) {
                    lines.write(SwfRecord.planned(++number, submit, j.runSeconds(), j.cpus(), j.timeLimitMinutes() * 60L,
                            user, group, queue, partition));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // memory only: cannot happen
            }
        }

        /** The header, then every line taken; closes {@code out}. */
        public void writeTo(String source, long seed, OutputStream out) throws IOException {
            lines.flush();
            try (SwfWriter w = new SwfWriter(out)) {
                w.header("Version: 2.2");
                w.header("Computer: Slurm Workbench plan");
                w.header("Note: source " + source + ", seed " + seed);
                w.header("MaxJobs: " + number);
                w.header("MaxRecords: " + number);
                w.header("MaxProcs: " + maxProcs);
                w.header("Note: submit time = offset from the start of the run; run time = planned run time");
                names(w, "user", users);
                names(w, "group (account)", groups);
                names(w, "queue (QOS)", queues);
                names(w, "partition", partitions);
                w.flush();
                body.writeTo(out);
            }
        }

        private static int numberOf(Map<String, Integer> numbers, String name) {
            if (name == null) {
                return -1;
            }
            Integer n = numbers.get(name);
            if (n == null) {
                n = numbers.size() + 1;
                numbers.put(name, n);
            }
            return n;
        }
    }

    /**
     * Bytes kept in a few large arrays, filled in turn: arrays this large are allocated outside the young generation
     * (G1's humongous regions), so the garbage collector never copies them, however many collections they live
     * through, and no growing array is copied either.
     */
    private static final class Chunks extends OutputStream {

        private static final int CHUNK = 8 << 20;

        private final List<byte[]> full = new ArrayList<>();
        private byte[] chunk;
        private int used;

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (chunk == null || used == chunk.length) {
                    if (chunk != null) {
                        full.add(chunk);
                    }
                    chunk = new byte[CHUNK];
                    used = 0;
                }
                int n = Math.min(len, chunk.length - used);
                System.arraycopy(b, off, chunk, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        void writeTo(OutputStream out) throws IOException {
            for (byte[] c : full) {
                out.write(c);
            }
            if (chunk != null) {
                out.write(chunk, 0, used);
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

    private static void names(SwfWriter w, String what, Map<String, Integer> numbers) throws IOException {
        List<String> parts = new ArrayList<>();
        numbers.forEach((name, n) -> parts.add(n + "=" + name));
        for (int i = 0; i < parts.size(); i += 50) {
            w.header("Note: " + what + " " + String.join(" ", parts.subList(i, Math.min(parts.size(), i + 50))));
        }
    }
}
