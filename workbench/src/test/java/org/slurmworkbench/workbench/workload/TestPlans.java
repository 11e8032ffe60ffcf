package org.slurmworkbench.workbench.workload;

import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Seeded workloads for the tests, as the JSON body of {@code POST /api/v1/workloads/runs}: short sleep jobs of a few
 * CPUs spread over the lab's test users. Stands in for the generator until the plan branch lands.
 */
final class TestPlans {

    static final List<String> USERS = List.of("alice", "bob", "carol");

    private TestPlans() {
    }

    /**
     * {@code jobs} jobs of {@code minCpus..maxCpus} CPUs running {@code minSeconds..maxSeconds}, arriving uniformly
     * within {@code windowMillis}.
     */
    static String request(String cluster, long seed, int jobs, int minCpus, int maxCpus, int minSeconds, int maxSeconds,
                          long windowMillis, int concurrency) {
        Random random = new Random(seed);
        StringJoiner list = new StringJoiner(",", "[", "]");
        for (int i = 1; i <= jobs; i++) {
            long offset = windowMillis == 0 ? 0 : (long) (random.nextDouble() * windowMillis);
            int cpus = minCpus + random.nextInt(maxCpus - minCpus + 1);
            int seconds = minSeconds + random.nextInt(maxSeconds - minSeconds + 1);
            String user = USERS.get(random.nextInt(USERS.size()));
            list.add("""
                    {"seq":%d,"submitOffsetMillis":%d,"user":"%s","cpus":%d,"gpusPerNode":0,"runSeconds":%d,\
                    "timeLimitMinutes":2,"arrayTasks":0}""".formatted(i, offset, user, cpus, seconds));
        }
        return """
                {"cluster":"%s","concurrency":%d,"rateLimit":0,"source":"test:seed-%d","seed":%d,"jobs":%s}"""
                .formatted(cluster, concurrency, seed, seed, list);
    }
}
