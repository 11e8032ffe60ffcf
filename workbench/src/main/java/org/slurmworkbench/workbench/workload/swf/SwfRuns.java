package org.slurmworkbench.workbench.workload.swf;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.slurmworkbench.workbench.security.WorkbenchUser;
import org.slurmworkbench.workbench.web.FieldProblems;
import org.slurmworkbench.workbench.workload.plan.PlanSources;
import org.slurmworkbench.workbench.workload.run.Run;
import org.slurmworkbench.workbench.workload.run.Runs;
import org.springframework.stereotype.Component;

/** Runs of uploaded SWF traces, the same for the API and the page: checked and stored as {@link Runs} does any run. */
@Component
class SwfRuns {

    private final Runs runs;
    private final SwfImporter importer;
    private final PlanSources sources;

    SwfRuns(Runs runs, SwfImporter importer, PlanSources sources) {
        this.runs = runs;
        this.importer = importer;
        this.sources = sources;
    }

    /** A run of an uploaded SWF trace, read onto the test users with the given options. */
    Run create(WorkbenchUser me, String cluster, InputStream swf, String fileName, SwfOptions options,
               Integer concurrency, Integer rateLimit) throws IOException {
        return runs.create(me, cluster, concurrency, rateLimit, () -> {
            SwfImport imported = importer.importSwf(cluster, swf, fileName, options, sources.capacity(cluster));
            if (imported.plan().jobs().isEmpty()) {
                throw FieldProblems.invalid("file", "holds no job that could be imported: " + imported.report().skippedBy());
            }
            return new Runs.Imported(imported.plan(), Map.of("swf", fileName, "options", options, "report",
                    imported.report()));
        });
    }
}
