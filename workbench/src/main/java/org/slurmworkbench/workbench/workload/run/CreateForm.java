package org.slurmworkbench.workbench.workload.run;

/**
 * The run-create form of {@code /workloads}: a cluster and a preset, or generator parameters as JSON (which win
 * over the preset), optionally another number of jobs and another seed; how to submit. Boxed, so that an empty field
 * is null and a non-number is a binding error on its field.
 */
record CreateForm(String cluster, String preset, Integer jobs, Long seed, Integer concurrency, Integer rateLimit,
                  String parameters) {

    /** The fields in the order the form shows them: where an error that names no field of its own is shown. */
    static final java.util.List<String> FIELDS = java.util.List.of("cluster", "preset", "parameters", "jobs", "seed",
            "concurrency", "rateLimit");

    public boolean hasParameters() {
        return parameters != null && !parameters.isBlank();
    }
}
