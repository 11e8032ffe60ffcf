package org.slurmworkbench.workbench.workload.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a researcher says about a workload; the generator turns it into a {@link WorkloadPlan}. Every rule is Bean
 * Validation (with {@link SelfChecked} for the ones that tie fields together), so a bad request names each bad
 * field. Whether users, partitions and sizes fit a cluster is checked against its {@link Capacity} (see
 * {@link PlanSources}), not here.
 *
 * @param users           who submits, with their share of the jobs (and optionally the account to charge)
 * @param windowSeconds   the time the arrivals are spread over
 * @param jobs            how many jobs (array tasks count one each)
 * @param cpusPerJob      CPUs per job in total
 * @param nodesPerJob     nodes per job; raised where the CPUs need more nodes than asked
 * @param runSeconds      how long each job runs
 * @param arrival         when the jobs arrive within the window
 * @param gpu             which share of the jobs asks for GPUs, and how many per node; null for none
 * @param partitions      partition mix by weight; empty for the cluster's default partition
 * @param qos             QOS mix by weight; empty for each user's default QOS
 * @param accounts        account mix by weight, for users without their own account; empty for their default
 * @param timeLimitFactor the time limit asked is the run time times this (users over-estimate), at least 1
 * @param packArrays      submit identical jobs arriving together as one array
 * @param seed            the same parameters and seed give the identical plan; null picks one (shown in the plan)
 */
@SelfChecked
public record WorkloadParameters(
        @NotEmpty @Size(max = 1000) List<@Valid @NotNull UserShare> users,
        @NotNull @Min(1) @Max(31L * 24 * 3600) Long windowSeconds,
        @NotNull @Min(1) @Max(MAX_JOBS) Integer jobs,
        @NotNull @Valid Distribution cpusPerJob,
        @NotNull @Valid Distribution nodesPerJob,
        @NotNull @Valid Distribution runSeconds,
        @NotNull @Valid Arrival arrival,
        @Valid Gpu gpu,
        @Size(max = 100) List<@Valid @NotNull Weighted> partitions,
        @Size(max = 100) List<@Valid @NotNull Weighted> qos,
        @Size(max = 100) List<@Valid @NotNull Weighted> accounts,
        @NotNull @DecimalMin("1.0") @DecimalMax("100.0") Double timeLimitFactor,
        Boolean packArrays,
        Long seed) implements SelfChecked.Checks {

    /** The most jobs one plan may hold (the benchmark generates this many). */
    public static final int MAX_JOBS = 1_000_000;
    /** Slurm user, account, partition and QOS names: no spaces, quotes or separators. */
    public static final String SLURM_NAME = "[A-Za-z0-9_.@+-]{1,64}";
    /** A CPU count, node count, GPU count or run time larger than this is not a real request. */
    static final double MAX_VALUE = 100_000_000;

    public WorkloadParameters {
        partitions = partitions == null ? List.of() : partitions;
        qos = qos == null ? List.of() : qos;
        accounts = accounts == null ? List.of() : accounts;
        packArrays = packArrays != null && packArrays;
    }

    /** A user and their share of the jobs; {@code account} null for the user's default (or the account mix). */
    public record UserShare(@NotBlank @Pattern(regexp = SLURM_NAME) String user,
                            @Pattern(regexp = SLURM_NAME) String account,
                            @NotNull @Positive @DecimalMax("1000000") Double share) {
    }

    /** A name with a relative weight (partition, QOS or account mix). */
    public record Weighted(@NotBlank @Pattern(regexp = SLURM_NAME) String name,
                           @NotNull @Positive @DecimalMax("1000000") Double weight) {
    }

    /** Jobs asking GPUs: {@code fraction} of them (0..1), with {@code perNode} GPUs on each node. */
    public record Gpu(@NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double fraction,
                      @NotNull @Valid Distribution perNode) {
    }

    /**
     * When jobs arrive. ALL_AT_ONCE: at offset 0. UNIFORM: uniformly at random over the window. POISSON: a Poisson
     * process of {@code ratePerSecond} (default: jobs / window), which must fit the window on average. BURSTS:
     * {@code bursts} bursts evenly over the window, each spread uniformly over {@code spreadSeconds} (0: at once).
     */
    @SelfChecked
    public record Arrival(@NotNull Process process,
                          @Positive @DecimalMax("1000000") Double ratePerSecond,
                          @Min(1) @Max(100_000) Integer bursts,
                          @Min(0) @Max(31L * 24 * 3600) Long spreadSeconds) implements SelfChecked.Checks {

        public enum Process { ALL_AT_ONCE, UNIFORM, POISSON, BURSTS }

        public static Arrival allAtOnce() {
            return new Arrival(Process.ALL_AT_ONCE, null, null, null);
        }

        @Override
        public void check(SelfChecked.Problems problems) {
            if (process == Process.BURSTS && bursts == null) {
                problems.add("bursts", "{workload.error.required}");
            }
        }
    }

    public WorkloadParameters withSeed(long newSeed) {
        return new WorkloadParameters(users, windowSeconds, jobs, cpusPerJob, nodesPerJob, runSeconds, arrival, gpu,
                partitions, qos, accounts, timeLimitFactor, packArrays, newSeed);
    }

    @Override
    public void check(SelfChecked.Problems problems) {
        atLeast(problems, "cpusPerJob", cpusPerJob, 1);
        atLeast(problems, "nodesPerJob", nodesPerJob, 1);
        atLeast(problems, "runSeconds", runSeconds, 1);
        if (gpu != null) {
            atLeast(problems, "gpu.perNode", gpu.perNode(), 1);
        }
        if (arrival != null && arrival.process() == Arrival.Process.POISSON && arrival.ratePerSecond() != null
                && jobs != null && windowSeconds != null && jobs / arrival.ratePerSecond() > windowSeconds) {
            problems.add("arrival.ratePerSecond", "{workload.error.rateTooLow}");
        }
        if (arrival != null && arrival.spreadSeconds() != null && windowSeconds != null
                && arrival.spreadSeconds() > windowSeconds) {
            problems.add("arrival.spreadSeconds", "{workload.error.spreadTooLong}");
        }
    }

    /** A size distribution must give whole numbers of at least {@code floor} and no absurd ones. */
    private static void atLeast(SelfChecked.Problems problems, String field, Distribution d, double floor) {
        if (d == null || !d.complete()) {
            return;
        }
        if (d.highest() < floor) {
            problems.add(field, "{workload.error.belowOne}");
        } else if (d.lowest() > MAX_VALUE) {
            problems.add(field, "{workload.error.tooLarge}");
        }
    }
}
