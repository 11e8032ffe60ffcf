package org.slurmworkbench.workbench;

/**
 * Run requests for the tests, as the JSON body of {@code POST /api/v1/workloads/runs}: generator parameters for short
 * sleep jobs of one node spread over the lab's test users, arriving uniformly within a window, with a fixed seed.
 */
public final class TestPlans {

    private TestPlans() {
    }

    public static String request(String cluster, long seed, int jobs, int minCpus, int maxCpus, int minSeconds, int maxSeconds,
                          long windowSeconds, int concurrency) {
        return """
                {"cluster":"%s","concurrency":%d,"rateLimit":0,"parameters":{
                  "users":[{"user":"alice","share":1},{"user":"bob","share":1},{"user":"carol","share":1}],
                  "windowSeconds":%d,"jobs":%d,
                  "cpusPerJob":{"type":"UNIFORM","min":%d,"max":%d},
                  "nodesPerJob":{"type":"FIXED","value":1},
                  "runSeconds":{"type":"UNIFORM","min":%d,"max":%d},
                  "arrival":{"process":"UNIFORM"},
                  "timeLimitFactor":2.0,"packArrays":false,"seed":%d}}"""
                .formatted(cluster, concurrency, windowSeconds, jobs, minCpus, maxCpus, minSeconds, maxSeconds, seed);
    }
}
