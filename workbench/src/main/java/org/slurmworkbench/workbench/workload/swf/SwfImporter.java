package org.slurmworkbench.workbench.workload.swf;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.workbench.workload.plan.Capacity;
import org.slurmworkbench.workbench.workload.plan.InvalidWorkloadException;
import org.slurmworkbench.workbench.workload.plan.PlanSources;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/**
 * SWF traces read into plans, for the previews and for runs: the options checked as {@link PlanSources} checks
 * generator parameters (Bean Validation, then the partition against the cluster), the jobs put onto the configured
 * test users. Bad options throw {@link InvalidWorkloadException} naming every field.
 */
@Component
class SwfImporter {

    private static final Logger log = LoggerFactory.getLogger(SwfImporter.class);

    private final PlanSources sources;

    SwfImporter(PlanSources sources) {
        this.sources = sources;
    }

    /** Reads an SWF trace onto the test users; its plan's source is {@code swf:<fileName>}. */
    SwfImport importSwf(String cluster, InputStream in, String fileName, SwfOptions o, Capacity capacity)
            throws IOException {
        BindingResult errors = sources.check("options", o, capacity, e -> {
            if (o.partition() != null) {
                PlanSources.requirePartition(e, "options.partition", capacity, o.partition());
            }
        });
        if (sources.testUsers().isEmpty()) {
            PlanSources.reject(errors, "options", "workload.error.noTestUsers", "no test users are configured");
        }
        if (errors.hasErrors()) {
            throw new InvalidWorkloadException(errors);
        }
        SwfImport result = SwfReader.read(in, "swf:" + fileName, o, capacity, sources.testUsers());
        log.info("Imported SWF {} for {}: {} lines, {} jobs, {} skipped {}", fileName, cluster, result.report().lines(),
                result.report().imported(), result.report().skipped(), result.report().skippedBy());
        return result;
    }
}
