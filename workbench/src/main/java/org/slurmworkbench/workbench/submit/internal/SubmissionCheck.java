package org.slurmworkbench.workbench.submit.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slurmworkbench.slurm.Association;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.dashboard.Overview;
import org.slurmworkbench.workbench.dashboard.Overview.PartitionSummary;
import org.slurmworkbench.workbench.dashboard.Overviews;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.submit.JobPlacement;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/**
 * The checks of a job spec that need the cluster: the Slurm user it runs as (admins may name a configured test
 * user), the partition (must exist), the account and QOS (must be in that user's associations), and the
 * partition's limits: MaxTime, MaxNodes and its node count, and the CPUs, memory and GPUs of its largest node (a
 * request no node can hold would pend forever with reason PartitionConfig). Partitions and nodes are read from the
 * shared overview snapshot, never per submission; each failure is an error on its field naming the limit. Nothing
 * is sent to Slurm here except the association read.
 */
@Component
class SubmissionCheck implements JobPlacement {

    private final Clusters clusters;
    private final Overviews overviews;
    private final SubmitProperties properties;

    SubmissionCheck(Clusters clusters, Overviews overviews, SubmitProperties properties) {
        this.clusters = clusters;
        this.overviews = overviews;
        this.properties = properties;
    }

    /** The Slurm user the job is submitted as, or null (with an error on {@code user}) when not allowed. */
    String slurmUser(WorkbenchUser me, JobSpec spec, Errors errors) {
        String wanted = spec.user();
        if (wanted == null || wanted.isBlank() || wanted.equals(me.slurmUser())) {
            return me.slurmUser();
        }
        if (!me.isAdmin()) {
            errors.rejectValue("user", "submit.error.user.notAdmin", "only an admin may submit as another user");
        } else if (!properties.testUsers().contains(wanted)) {
            errors.rejectValue("user", "submit.error.user.notTestUser", new Object[]{String.join(", ", properties.testUsers())},
                    "is not one of the configured test users");
        } else {
            return wanted;
        }
        return null;
    }

    /** Checks the spec against the cluster and answers what to send, or null when {@code errors} has errors. */
    JobSubmission check(String cluster, String slurmUser, JobSpec spec, Errors errors) {
        Long memoryMb = errors.hasFieldErrors("memory") || !present(spec.memory()) ? null
                : SlurmSyntax.memoryMb(spec.memory()).stream().boxed().findFirst().orElse(null);
        Integer minutes = check(cluster, slurmUser, new Placement(spec.partition(), spec.account(), spec.qos(),
                errors.hasFieldErrors("timeLimit") ? null : spec.timeLimit(), spec.nodes(), spec.gpus(), spec.tasks(),
                spec.cpusPerTask(), memoryMb, spec.memoryPer() == JobSpec.MemoryPer.CPU), errors);
        if (errors.hasErrors()) {
            return null;
        }
        return toSubmission(spec, minutes);
    }

    @Override
    public Choices choices(String cluster, String slurmUser) {
        List<String> partitions = overviews.overview(cluster).partitions().stream().map(PartitionSummary::name).toList();
        List<Association> mine = associations(cluster, slurmUser);
        List<String> accounts = List.copyOf(new TreeSet<>(mine.stream().map(Association::account).filter(Objects::nonNull).toList()));
        TreeSet<String> qos = new TreeSet<>();
        mine.forEach(a -> qos.addAll(a.qos()));
        return new Choices(partitions, accounts, List.copyOf(qos));
    }

    private List<Association> associations(String cluster, String slurmUser) {
        return clusters.asServiceUser(cluster).associations().stream().filter(a -> slurmUser.equals(a.user())).toList();
    }

    @Override
    public Integer check(String cluster, String slurmUser, Placement p, Errors errors) {
        Overview overview = overviews.overview(cluster);
        // no snapshot yet (Slurm never answered): the partition is left to Slurm rather than refused unseen
        PartitionSummary partition = overview.hasData() ? partition(overview.partitions(), p.partition(), errors) : null;
        checkAccountAndQos(associations(cluster, slurmUser), p, errors);
        Integer minutes = timeLimit(partition, p.timeLimit(), errors);
        if (partition != null) {
            new PartitionLimits(partition, overview.nodes()).check(p, errors);
        }
        return minutes;
    }

    private static PartitionSummary partition(List<PartitionSummary> partitions, String name, Errors errors) {
        if (name == null || name.isBlank()) {
            return partitions.stream().filter(PartitionSummary::isDefault).findFirst().orElse(null);
        }
        PartitionSummary found = partitions.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        if (found == null) {
            errors.rejectValue("partition", "submit.error.partition.unknown",
                    new Object[]{String.join(", ", partitions.stream().map(PartitionSummary::name).toList())}, "no such partition");
        }
        return found;
    }

    private static void checkAccountAndQos(List<Association> mine, Placement spec, Errors errors) {
        Set<String> accounts = new TreeSet<>(mine.stream().map(Association::account).filter(Objects::nonNull).toList());
        if (present(spec.account()) && !accounts.contains(spec.account())) {
            errors.rejectValue("account", "submit.error.account.notYours", new Object[]{String.join(", ", accounts)},
                    "is not one of your accounts");
            return;
        }
        if (present(spec.qos())) {
            Set<String> qos = new TreeSet<>();
            mine.stream().filter(a -> !present(spec.account()) || spec.account().equals(a.account()))
                    .forEach(a -> qos.addAll(a.qos()));
            if (!qos.contains(spec.qos())) {
                errors.rejectValue("qos", "submit.error.qos.notYours", new Object[]{String.join(", ", qos)},
                        "is not a QOS you may use");
            }
        }
    }

    private static Integer timeLimit(PartitionSummary partition, String text, Errors errors) {
        if (!present(text)) {
            return null;
        }
        var parsed = SlurmSyntax.timeMinutes(text.strip());
        if (parsed.isEmpty()) {
            errors.rejectValue("timeLimit", "submit.error.time", "is not a Slurm time");
            return null;
        }
        int minutes = parsed.getAsInt();
        Integer max = partition == null ? null : partition.maxTimeMinutes();
        if (max != null && (minutes == SlurmSyntax.UNLIMITED || minutes > max)) {
            errors.rejectValue("timeLimit", "submit.error.time.partition", new Object[]{partition.name(), max},
                    "is longer than the partition allows");
            return null;
        }
        // UNLIMITED within an unlimited partition: leave the limit to the partition (no number to send).
        return minutes == SlurmSyntax.UNLIMITED ? null : minutes;
    }

    static JobSubmission toSubmission(JobSpec spec, Integer minutes) {
        JobSubmission.Builder b = JobSubmission.builder(spec.script().replace("\r\n", "\n"))
                .name(blankToNull(spec.name())).partition(blankToNull(spec.partition()))
                .account(blankToNull(spec.account())).qos(blankToNull(spec.qos())).nodes(spec.nodes()).tasks(spec.tasks())
                .cpusPerTask(spec.cpusPerTask()).timeLimitMinutes(minutes).array(blankToNull(spec.array()))
                .gpusPerNode(spec.gpus()).gpuType(blankToNull(spec.gpuType())).workDir(blankToNull(spec.workDir()))
                .standardOutput(blankToNull(spec.output())).standardError(blankToNull(spec.error()))
                .comment(blankToNull(spec.comment())).hold(spec.held()).dependency(blankToNull(spec.dependency()))
                .beginTime(present(spec.begin()) ? SlurmSyntax.beginTime(spec.begin(), java.time.Instant.now(),
                        java.time.ZoneId.systemDefault()).orElseThrow() : null);
        if (present(spec.memory())) {
            long mb = SlurmSyntax.memoryMb(spec.memory()).orElseThrow();
            if (spec.memoryPer() == JobSpec.MemoryPer.CPU) {
                b.memoryPerCpuMb(mb);
            } else {
                b.memoryPerNodeMb(mb);
            }
        }
        if (spec.environment() != null) {
            spec.environment().forEach(b::env);
        }
        return b.build();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return present(s) ? s.trim() : null;
    }
}
