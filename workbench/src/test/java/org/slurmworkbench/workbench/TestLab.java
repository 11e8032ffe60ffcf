package org.slurmworkbench.workbench;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.slurmworkbench.slurm.lab.LabCluster;

/**
 * The lab clusters the tests run against, from {@code -Dwb.lab.root}. A release named in {@code -Dwb.lab.require}
 * that is missing fails the run (in {@link LabCluster#all()}); with nothing required and no lab at all, the
 * lab-specific checks are skipped rather than failed.
 */
public final class TestLab {

    /** The slurmrestd API version the workbench must use per release series (the newest both sides speak). */
    public static final Map<String, String> API_VERSION = Map.of("22.05", "v0.0.38", "24.11", "v0.0.42", "26.05", "v0.0.45");

    private TestLab() {
    }

    public static List<LabCluster> present() {
        try {
            return LabCluster.all();
        } catch (IllegalStateException e) {
            Assumptions.assumeTrue(!System.getProperty("wb.lab.require", "").isBlank() || !e.getMessage().startsWith("no lab cluster"),
                    e.getMessage());
            throw e;
        }
    }
}
