package org.slurmworkbench.workbench.fairshare;

import java.util.ArrayList;
import java.util.List;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;

/** {@code sshare -a -l -P} of a lab release, one row per association, as printed (empty where sshare prints nothing). */
record Sshare(String account, String user, String rawShares, String normShares, String rawUsage, String normUsage,
              String effectiveUsage, String fairshare, String levelFs) {

    /** account|user, the key the app's tree is compared by. */
    String key() {
        return account + "|" + user;
    }

    static List<Sshare> read(LabCluster lab) {
        List<String> lines = LabShell.lines(lab, "sshare", "-a", "-l", "-P");
        if (lines.isEmpty() || !lines.getFirst().startsWith("Account|User|RawShares|NormShares|RawUsage|NormUsage|EffectvUsage|FairShare|LevelFS")) {
            throw new AssertionError(lab + ": sshare printed " + lines);
        }
        List<Sshare> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\\|", -1);
            out.add(new Sshare(f[0].strip(), f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]));
        }
        return out;
    }
}
