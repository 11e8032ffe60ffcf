package org.slurmworkbench.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slurmworkbench.slurm.lab.LabCluster;

/**
 * Slurm's own commands in a lab release's environment ({@code lab sh R ...}): what tests check the workbench against.
 * The lab script is this checkout's ({@code lab/lab} above the working directory) unless {@code -Dwb.lab.script} names one.
 */
public final class LabShell {

    static final String LAB = LabCluster.script();
    private static final Pattern KEY_VALUE = Pattern.compile("(?<=^|\\s)([^\\s=]+)=(\\S*)");

    private LabShell() {
    }

    /** The lab script these commands go through, for callers that start their own long-running commands. */
    public static String script() {
        return LAB;
    }

    /** What the command printed on stdout and stderr together (Slurm's errors, e.g. "Invalid job id", are on stderr). */
    public static String run(LabCluster cluster, String... command) {
        return exec(cluster, true, command);
    }

    /** Runs the lab script itself ({@code lab/lab up --release 22.05}, ...); fails unless it exits 0. */
    public static String lab(String... args) {
        return LabCluster.lab(args);
    }

    /** The non-empty, stripped lines the command printed on stdout, for parsing. */
    public static List<String> lines(LabCluster cluster, String... command) {
        return exec(cluster, false, command).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String exec(LabCluster cluster, boolean withStderr, String... command) {
        List<String> cmd = new java.util.ArrayList<>(List.of(LAB, "sh", cluster.series()));
        cmd.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(withStderr);
        if (!withStderr) {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        return LabCluster.run(builder, 60).output();
    }

    /** {@code scontrol show job ID} as key=value pairs (of the first record); empty when Slurm does not know it. */
    public static Map<String, String> showJob(LabCluster cluster, String id) {
        String out = run(cluster, "scontrol", "show", "job", id);
        Map<String, String> fields = new LinkedHashMap<>();
        if (out.contains("Invalid job id")) {
            return fields;
        }
        String first = out.split("\\n\\s*\\n")[0];
        Matcher m = KEY_VALUE.matcher(first);
        while (m.find()) {
            fields.putIfAbsent(m.group(1), m.group(2));
        }
        return fields;
    }

    /**
     * Sets slurmctld's MinJobAge (how long it keeps a job after its end) in the release's slurm.conf and has slurmctld
     * read it again; the lab's own value is 300 s. Purges run about once a minute, so 2 s means "within a minute".
     */
    public static void minJobAge(LabCluster cluster, int seconds) {
        // 24.11 and later restart slurmctld on reconfigure: ask until the new one answers
        // A restarted slurmctld numbers new jobs after the highest it still holds: once the newest jobs were purged
        // it would hand out their ids again, and slurmdbd would hold two jobs with one id. FirstJobId (taken as a floor
        // by the new slurmctld) is set past every id slurmdbd or slurmctld knows for the restart, then taken out again
        // so that slurm.conf stays as lab up writes it.
        String out = run(cluster, "sh", "-c", "n=$({ squeue -h -o %A; sacct -a -X -n -P -o JobIDRaw -S 2020-01-01; } 2>/dev/null"
                + " | cut -d_ -f1 | cut -d+ -f1 | grep -E '^[0-9]+$' | sort -n | tail -1);"
                + " sed -i -e 's/^MinJobAge=.*/MinJobAge=" + seconds + "/' -e '/^FirstJobId=/d' \"$SLURM_CONF\""
                + " && echo \"FirstJobId=$(( ${n:-0} + 1 ))\" >> \"$SLURM_CONF\" && scontrol reconfigure;"
                + " for i in $(seq 1 30); do scontrol show config 2>/dev/null | grep MinJobAge && break; sleep 1; done;"
                + " sed -i '/^FirstJobId=/d' \"$SLURM_CONF\"");
        if (!out.matches("(?s).*MinJobAge\\s+=\\s+" + seconds + " sec.*")) {
            throw new AssertionError("MinJobAge of " + cluster + " did not become " + seconds + ": " + out);
        }
    }

    /**
     * Has slurmctld let the (ended) jobs go, as it does MinJobAge after their end: MinJobAge 2 until none of them is
     * shown any more (3 minutes at most), then the lab's 300 again.
     */
    public static void awaitLetGo(LabCluster cluster, long... jobIds) {
        try {
            minJobAge(cluster, 2);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3))
                    .pollInterval(java.time.Duration.ofMillis(500)).untilAsserted(() -> {
                        for (long id : jobIds) {
                            assertThat(showJob(cluster, Long.toString(id))).as("slurmctld still holds %s", id).isEmpty();
                        }
                    });
        } finally {
            minJobAge(cluster, 300);
        }
    }

    /** Submits {@code sleep 300} as {@code user} with sbatch (5 min limit, in /tmp, no output) and extra flags; its job id. */
    public static String sbatch(LabCluster cluster, String user, String name, String... flags) {
        List<String> cmd = new java.util.ArrayList<>(List.of("--user", user, "sbatch", "--parsable", "-J", name, "-t", "5",
                "-D", "/tmp", "-o", "/dev/null"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("--wrap", "sleep 300"));
        List<String> out = lines(cluster, cmd.toArray(String[]::new));
        String id = out.isEmpty() ? "" : out.getLast().split(";")[0];
        if (!id.matches("\\d+")) {
            throw new AssertionError(cluster + ": sbatch " + name + " as " + user + " printed " + out);
        }
        return id;
    }

    /** Job ids (squeue, every state slurmctld still holds) with this exact name. */
    public static List<String> jobIdsNamed(LabCluster cluster, String name) {
        return run(cluster, "squeue", "-h", "-a", "-t", "all", "-r", "-n", name, "-o", "%i").lines()
                .map(String::trim).filter(l -> l.matches("\\d+(_\\d+)?")).toList();
    }
}
