package org.slurmworkbench.workbench.dashboard;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;

/**
 * What Slurm's own commands say right now: {@code sinfo -N} per node (deduplicated over partitions) and
 * {@code squeue -r} per job record (array tasks one by one). Equal snapshots taken before and after a workbench
 * read mean the cluster did not change in between.
 */
public record SlurmSays(Map<String, NodeLine> nodes, List<JobLine> jobs) {

    private static final Pattern GPUS = Pattern.compile("gpu:(?:[^:(,]+:)?(\\d+)");

    public record NodeLine(String state, long allocCpus, long idleCpus, long otherCpus, long totalCpus, long gpus, long usedGpus,
                    long memoryMb, String partitions) {
    }

    public record JobLine(String id, String state, String reason, String user, String account, List<String> partitions,
                   long cpus, String nodes) {
    }

    public static SlurmSays now(LabCluster c) {
        Map<String, NodeLine> nodes = new TreeMap<>();
        for (String l : LabShell.lines(c, "sinfo", "-N", "-h", "-O",
                "NodeList:|,StateLong:|,CPUsState:|,Gres:|,GresUsed:|,Memory:|,Partition:|")) {
            String[] f = l.split("\\|", -1);
            String[] cpus = f[2].split("/");
            NodeLine before = nodes.get(f[0]);
            String partitions = (before == null ? "" : before.partitions() + ",") + f[6].replace("*", "");
            nodes.put(f[0], new NodeLine(f[1].replaceAll("[^a-z]+$", ""), Long.parseLong(cpus[0]), Long.parseLong(cpus[1]),
                    Long.parseLong(cpus[2]), Long.parseLong(cpus[3]), gpus(f[3]), gpus(f[4]), Long.parseLong(f[5]), partitions));
        }
        List<JobLine> jobs = LabShell.lines(c, "squeue", "-r", "-h", "-o", "%i|%T|%r|%u|%a|%P|%C|%N").stream().map(l -> {
            String[] f = l.split("\\|", -1);
            return new JobLine(f[0], f[1], f[2], f[3], f[4], List.of(f[5].split(",")), Long.parseLong(f[6]), f[7]);
        }).sorted(java.util.Comparator.comparing(JobLine::id)).toList();
        return new SlurmSays(nodes, jobs);
    }

    private static long gpus(String gres) {
        Matcher m = GPUS.matcher(gres);
        long n = 0;
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }

    public long count(String state) {
        return jobs.stream().filter(j -> j.state().equals(state)).count();
    }
}
