package org.slurmworkbench.workbench.workload.plan;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.submit.SubmitTestUsers;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;

/**
 * Where plans come from, for the API and for runs: generated from parameters (or, through the {@code swf} package,
 * imported from an SWF trace with the checks here), always against a cluster's current {@link Capacity} and submitted
 * (by a run) only as the configured test users ({@code workbench.submit.test-users}). Bad parameters throw
 * {@link InvalidWorkloadException} naming every field.
 */
@Component
public class PlanSources {

    private static final Logger log = LoggerFactory.getLogger(PlanSources.class);

    private final Clusters clusters;
    private final Validator validator;
    private final List<String> testUsers;

    PlanSources(Clusters clusters, Validator validator, SubmitTestUsers submitTestUsers) {
        this.clusters = clusters;
        this.validator = validator;
        this.testUsers = submitTestUsers.testUsers();
    }

    /** The Slurm users a workload may run as. */
    public List<String> testUsers() {
        return testUsers;
    }

    /** The cluster's nodes and partitions as its service user sees them. */
    public Capacity capacity(String cluster) {
        SlurmApi api = clusters.asServiceUser(cluster);
        return Capacity.of(cluster, api.nodes(), api.partitions());
    }

    public WorkloadPlan generate(String cluster, WorkloadParameters p) {
        return generate(cluster, p, capacity(cluster)).plan();
    }

    /** Checks, then generates; a null seed is replaced by a random one, which the plan then carries. */
    public WorkloadGenerator.Generated generate(String cluster, WorkloadParameters p, Capacity capacity) {
        WorkloadParameters seeded = checked(p, capacity);
        WorkloadGenerator.Generated generated = WorkloadGenerator.generate("generator", seeded, capacity);
        log.info("Generated a plan for {}: {} submissions, {} Slurm jobs, seed {}, {} clamped", cluster,
                generated.plan().jobs().size(), generated.plan().slurmJobs(), seeded.seed(), generated.clampedJobs());
        return generated;
    }

    /** The parameters once checked, with a random seed when they had none (what makes the plan reproducible). */
    public WorkloadParameters checked(WorkloadParameters p, Capacity capacity) {
        BindingResult errors = check("parameters", p, capacity);
        if (errors.hasErrors()) {
            throw new InvalidWorkloadException(errors);
        }
        return p.seed() != null ? p : p.withSeed(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    /**
     * Bean Validation of {@code target}, then what only the cluster can tell: the users are test users, the
     * partitions exist and have nodes. Fields are named from {@code name} ({@code parameters.users[0].user}).
     */
    public BindingResult check(String name, Object target, Capacity capacity) {
        return check(name, target, capacity, target instanceof WorkloadParameters p
                ? errors -> checkCluster(name, p, capacity, errors) : errors -> {
                });
    }

    /**
     * Bean Validation of {@code target}, then {@code clusterCheck} (what only the cluster can tell of it, e.g.
     * {@link #requirePartition}), then whether the cluster has nodes at all.
     */
    public BindingResult check(String name, Object target, Capacity capacity, Consumer<BindingResult> clusterCheck) {
        BindingResult errors = new MapBindingResult(new java.util.HashMap<>(), name);
        if (target == null) {
            reject(errors, name, "workload.error.required", "is required");
            return errors;
        }
        for (ConstraintViolation<Object> v : validator.validate(target)) {
            // the validator's message is already in the request's language
            errors.addError(new FieldError(name, path(name, v.getPropertyPath().toString()), null, false, null, null,
                    v.getMessage()));
        }
        clusterCheck.accept(errors);
        if (capacity.defaultPartition().nodes() == 0 && !errors.hasErrors()) {
            reject(errors, name, "workload.error.noNodes", "the cluster has no partition with nodes");
        }
        return errors;
    }

    private void checkCluster(String name, WorkloadParameters p, Capacity capacity, BindingResult errors) {
        if (p.users() != null) {
            for (int i = 0; i < p.users().size(); i++) {
                var u = p.users().get(i);
                if (u != null && u.user() != null && !testUsers.contains(u.user())) {
                    reject(errors, name + ".users[" + i + "].user", "workload.error.notTestUser",
                            "is not one of the test users " + testUsers, String.join(", ", testUsers));
                }
            }
        }
        for (int i = 0; i < p.partitions().size(); i++) {
            var w = p.partitions().get(i);
            if (w != null && w.name() != null) {
                requirePartition(errors, name + ".partitions[" + i + "].name", capacity, w.name());
            }
        }
    }

    /** Rejects {@code field} unless {@code partition} is one of the cluster's with nodes to run jobs on. */
    public static void requirePartition(BindingResult errors, String field, Capacity capacity, String partition) {
        Capacity.PartitionCapacity pc = capacity.partition(partition);
        if (pc == null || pc.nodes() <= 0 || pc.cpusPerNode() <= 0) {
            reject(errors, field, "workload.error.partition", "is not a partition of this cluster with nodes");
        }
    }

    private static String path(String name, String property) {
        return property.isEmpty() ? name : name + "." + property;
    }

    /** Adds an error on {@code field} with a message code (said in the request's language where shown) and its default. */
    public static void reject(BindingResult errors, String field, String code, String defaultMessage, Object... args) {
        errors.addError(new FieldError(errors.getObjectName(), field, null, false, new String[]{code}, args, defaultMessage));
    }
}
