package org.slurmworkbench.workbench.submit.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slurmworkbench.slurm.Association;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.Partition;
import org.slurmworkbench.workbench.cluster.Clusters;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.submit.JobPlacement;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/**
 * The checks of a job spec that need the cluster: the Slurm user it runs as (admins may name a configured test
 * user), the partition (must exist), the account and QOS (must be in that user's associations), and the
 * partition's limits. Each failure is an error on its field; nothing is sent to Slurm here except reads.
 */
@Component
class SubmissionCheck implements JobPlacement {

    private final Clusters clusters;
    private final SubmitProperties properties;

    SubmissionCheck(Clusters clusters, SubmitProperties properties) {
        this.clusters = clusters;
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
        Integer minutes = check(cluster, slurmUser, new Placement(spec.partition(), spec.account(), spec.qos(),
                errors.hasFieldErrors("timeLimit") ? null : spec.timeLimit(), spec.nodes(), spec.gpus()), errors);
        if (errors.hasErrors()) {
            return null;
        }
        return toSubmission(spec, minutes);
    }

    @Override
    public Integer check(String cluster, String slurmUser, Placement p, Errors errors) {
        List<Partition> partitions = clusters.asServiceUser(cluster).partitions();
        Partition partition = partition(partitions, p.partition(), errors);
        List<Association> mine = clusters.asServiceUser(cluster).associations().stream()
                .filter(a -> slurmUser.equals(a.user())).toList();
        checkAccountAndQos(mine, p, errors);
        Integer minutes = timeLimit(partition, p.timeLimit(), errors);
        if (partition != null) {
            if (p.nodes() != null && p.nodes() > partition.totalNodes()) {
                errors.rejectValue("nodes", "submit.error.nodes.partition", new Object[]{partition.name(), partition.totalNodes()},
                        "is more than the partition has");
            }
            if (p.gpus() != null && p.gpus() > 0 && partition.tres().gpus() == 0) {
                errors.rejectValue("gpus", "submit.error.gpus.partition", new Object[]{partition.name()},
                        "the partition has no GPUs");
            }
        }
        return minutes;
    }

    private static Partition partition(List<Partition> partitions, String name, Errors errors) {
        if (name == null || name.isBlank()) {
            return partitions.stream().filter(p -> Boolean.TRUE.equals(p.isDefault())).findFirst().orElse(null);
        }
        Partition found = partitions.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        if (found == null) {
            errors.rejectValue("partition", "submit.error.partition.unknown",
                    new Object[]{String.join(", ", partitions.stream().map(Partition::name).toList())}, "no such partition");
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

    private static Integer timeLimit(Partition partition, String text, Errors errors) {
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
