package org.slurmworkbench.workbench.submit.queue;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slurmworkbench.slurm.ApiVersion;
import org.slurmworkbench.slurm.Job;
import org.slurmworkbench.slurm.rest.RestTransport;
import org.slurmworkbench.slurm.v0040.V0040Reader;
import org.slurmworkbench.workbench.cluster.ClusterJobs;
import org.slurmworkbench.workbench.security.AccountAccess;
import org.slurmworkbench.workbench.security.JobScope;
import org.slurmworkbench.workbench.security.Role;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.submit.internal.JobView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The queue under load, in a JVM that {@code QueueBench} starts with -Xmx512m: a snapshot of N jobs made of the REAL
 * recorded 24.11 v0.0.42 pending and running job records (slurm-client test resources) replicated with distinct ids,
 * 400 users in 40 accounts, varied names, priorities and submit times, read through the same reader as slurmrestd's
 * answers. 50 viewers (10 admins, 40 users under visible-jobs: accounts) poll a filtered, sorted page about every
 * second, the answer written as JSON; the shared list is replaced every 2 s as on a busy cluster, so the index is
 * rebuilt under load. The same viewers are then served by filtering and sorting the list on each request (the
 * baseline). Prints lines starting "QUEUE".
 */
public final class QueueBenchMain {

    private static final String RECORDED = "/recorded/24.11/v0.0.42/jobs.json";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    static volatile List<Job> current;

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int viewers = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        System.gc();
        long before = used();
        List<Job> jobs = synthetic(n);
        current = jobs;
        Queues queues = new Queues(cluster -> current, new Access());
        long t = System.nanoTime();
        QueueIndex.of(jobs, false, Instant.now()).order(QueueQuery.Column.PRIORITY);
        double buildMs = (System.nanoTime() - t) / 1e6;
        WorkbenchUser admin = new WorkbenchUser("admin", Role.ADMIN, "admin");
        queues.page("bench", admin, query(0, 1)); // warm: index and the first sort order
        for (int q = 0; q < 4; q++) {
            queues.page("bench", admin, query(q, 1));
        }
        System.gc();
        System.gc();
        long held = used() - before;
        System.out.printf("QUEUE snapshot %,d jobs (%d recorded records replicated), index build + one sort order %.0f ms, "
                + "heap held (jobs + index + 4 sort orders, after GC) %d MB of max %d MB (target <= 512 MB)%n",
                n, TEMPLATES, buildMs, held >> 20, Runtime.getRuntime().maxMemory() >> 20);

        long[] indexed = poll(viewers, rounds, (v, r) -> queues.page("bench", viewer(v), query(v + r, 1 + (v + r) % 5)));
        long[] naive = poll(viewers, rounds, (v, r) -> naive(viewer(v), query(v + r, 1 + (v + r) % 5)));
        double p95 = percentile(indexed, 95) / 1e6, base = percentile(naive, 95) / 1e6;
        System.out.printf("QUEUE %d viewers polling every ~1 s x %d (list replaced every 2 s): indexed p50 %.1f ms, p95 %.1f ms "
                + "(target <= 100 ms)%n", viewers, rounds, percentile(indexed, 50) / 1e6, p95);
        System.out.printf("QUEUE baseline, filter and sort the list per request: p50 %.1f ms, p95 %.1f ms; indexed / baseline "
                + "p95 = %.2fx%n", percentile(naive, 50) / 1e6, base, p95 / base);
    }

    public static int TEMPLATES;

    /** n jobs read by the v0.0.42 reader from the recorded pending and running records, varied per copy. */
    public static List<Job> synthetic(int n) throws Exception {
        ApiVersion version = ApiVersion.parse("v0.0.42");
        List<Job> out = new ArrayList<>(n);
        for (int from = 0; from < n; from += 1000) {
            out.addAll(V0040Reader.jobs(body(from, Math.min(n, from + 1000)), version));
        }
        return List.copyOf(out);
    }

    /**
     * A v0.0.42 {@code /jobs} answer with jobs {@code from} (inclusive) to {@code to}: the recorded pending and running
     * records (no array records) replicated with distinct ids, 400 users u0..u399 in 40 accounts, varied names,
     * priorities and submit times.
     */
    public static ObjectNode body(int from, int to) throws Exception {
        List<ObjectNode> templates = templates();
        long base = 1_790_000_000L;
        ObjectNode body = RestTransport.JSON.createObjectNode();
        ArrayNode chunk = body.putArray("jobs");
        for (int i = from; i < to; i++) {
            ObjectNode j = templates.get(i % templates.size()).deepCopy();
            j.put("job_id", 1_000_000 + i);
            j.put("user_name", "u" + (i % 400));
            j.put("account", "acct" + (i % 400 % 40));
            j.put("name", "job-" + (i * 7919 % 5000));
            ((ObjectNode) j.path("priority")).put("number", (i * 2654435761L) % 100_000);
            ((ObjectNode) j.path("submit_time")).put("number", base + i);
            chunk.add(j);
        }
        return body;
    }

    private static List<ObjectNode> templates;

    private static synchronized List<ObjectNode> templates() throws Exception {
        if (templates == null) {
            JsonNode recorded;
            try (InputStream in = QueueBenchMain.class.getResourceAsStream(RECORDED)) {
                if (in == null) {
                    throw new IllegalStateException(RECORDED + " not on the test classpath (slurm-client's test jar)");
                }
                recorded = RestTransport.JSON.readTree(in);
            }
            List<ObjectNode> found = new ArrayList<>();
            for (JsonNode j : recorded.path("jobs")) {
                String state = j.path("job_state").toString();
                if ((state.contains("PENDING") || state.contains("RUNNING")) && j.path("array_task_string").asString("").isEmpty()) {
                    found.add((ObjectNode) j);
                }
            }
            templates = List.copyOf(found);
            TEMPLATES = found.size();
        }
        return templates;
    }

    /** Viewer v: every fifth an admin, else user u(v) of account acct(v % 40). */
    static WorkbenchUser viewer(int v) {
        return v % 5 == 0 ? new WorkbenchUser("admin" + v, Role.ADMIN, "admin") : new WorkbenchUser("w" + v, Role.USER, "u" + v);
    }

    /** Four kinds of page a viewer asks for, as the queue page offers them. */
    static QueueQuery query(int kind, int page) {
        return switch (kind % 4) {
            case 0 -> QueueQuery.of(null, null, "cpu", null, "PENDING", null, null, null, null, "priority", "desc", page, 50, false);
            case 1 -> QueueQuery.of(null, null, null, null, null, null, "job-1", null, null, "time-left", "asc", page, 50, false);
            case 2 -> QueueQuery.of("u7,u8,u9", null, null, null, null, null, null, null, null, "submit", "asc", page, 50, false);
            default -> QueueQuery.of(null, null, null, null, "all", null, null, null, null, "priority", "desc", page * 20, 50, false);
        };
    }

    /** What a queue without indexes does: filter and sort the whole list on every request. */
    static Object naive(WorkbenchUser me, QueueQuery q) {
        JobScope scope = new Access().jobScope("bench", me);
        Instant now = Instant.now();
        Comparator<Job> order = switch (q.sort()) {
            case TIME_LEFT -> Comparator.comparingLong(j -> QueueIndex.timeLeft(j, now));
            case SUBMIT -> Comparator.comparing(Job::submitTime);
            default -> Comparator.comparingLong(Job::priority);
        };
        order = q.descending() ? order.reversed() : order;
        List<Job> matching = current.stream().filter(j -> scope.includes(j.user(), j.account()))
                .filter(j -> q.allStates() ? true : q.states().isEmpty() ? !j.isFinished() : q.states().contains(j.state()))
                .filter(j -> q.users().isEmpty() || q.users().contains(j.user()))
                .filter(j -> q.partitions().isEmpty() || q.partitions().contains(j.partition()))
                .filter(j -> q.name() == null || j.name() != null && j.name().startsWith(q.name()))
                .sorted(order).toList();
        List<JobView> page = matching.stream().skip((long) (q.page() - 1) * q.size()).limit(q.size())
                .map(j -> JobView.of(j, now).seenBy(me)).toList();
        return Map.of("total", matching.size(), "jobs", page);
    }

    interface Call {
        Object call(int viewer, int round);
    }

    /** Latencies of {@code viewers} threads each asking {@code rounds} times, about a second apart (+-50 %). */
    static long[] poll(int viewers, int rounds, Call call) throws Exception {
        long[] latencies = new long[viewers * rounds];
        Thread rotate = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
                current = new ArrayList<>(current); // a new list, as each read of slurmrestd gives
            }
        });
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int v = 0; v < viewers; v++) {
                int viewer = v;
                all.add(CompletableFuture.runAsync(() -> {
                    for (int r = 0; r < rounds; r++) {
                        try {
                            Thread.sleep(500 + ThreadLocalRandom.current().nextLong(1000));
                        } catch (InterruptedException e) {
                            return;
                        }
                        long t = System.nanoTime();
                        try {
                            JSON.writeValueAsBytes(call.call(viewer, r));
                        } catch (RuntimeException e) {
                            throw new IllegalStateException("viewer " + viewer + ": " + e, e);
                        }
                        latencies[viewer * rounds + r] = System.nanoTime() - t;
                    }
                }, pool));
            }
            all.forEach(CompletableFuture::join);
        } finally {
            rotate.interrupt();
        }
        return latencies;
    }

    static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** visible-jobs: accounts; user uK has an association in acct(K % 40) only; nobody coordinates. */
    static final class Access implements AccountAccess {
        @Override
        public Set<String> coordinated(String cluster, WorkbenchUser user) {
            return Set.of();
        }

        @Override
        public Map<String, Set<String>> coordinated(WorkbenchUser user) {
            return Map.of();
        }

        @Override
        public Set<String> memberOf(WorkbenchUser user) {
            return Set.of("acct" + Integer.parseInt(user.slurmUser().substring(1)) % 40);
        }

        @Override
        public Set<String> coordinatedUsers(WorkbenchUser user) {
            return Set.of();
        }

        @Override
        public JobScope jobScope(String cluster, WorkbenchUser user) {
            return user.isAdmin() ? JobScope.all() : new JobScope(false, user.slurmUser(), memberOf(user));
        }
    }

    private QueueBenchMain() {
    }

}
