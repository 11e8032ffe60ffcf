package org.slurmworkbench.workbench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
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

    /**
     * Runs {@code test} on every present release at once and fails naming each release it failed on. Releases share
     * nothing but the app, and most of a lab test is waiting for Slurm, so side by side it lasts as long as the slowest.
     */
    public static void onEveryReleaseAtOnce(Consumer<LabCluster> test) throws InterruptedException {
        List<LabCluster> labs = present();
        ExecutorService pool = Executors.newFixedThreadPool(labs.size());
        try {
            Map<LabCluster, Future<?>> runs = new LinkedHashMap<>();
            labs.forEach(lab -> runs.put(lab, pool.submit(() -> test.accept(lab))));
            AssertionError failed = new AssertionError("failed on some release");
            for (Map.Entry<LabCluster, Future<?>> run : runs.entrySet()) {
                try {
                    run.getValue().get();
                } catch (ExecutionException e) {
                    failed.addSuppressed(new AssertionError(run.getKey() + ": " + e.getCause().getMessage(), e.getCause()));
                }
            }
            if (failed.getSuppressed().length > 0) {
                throw failed;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
