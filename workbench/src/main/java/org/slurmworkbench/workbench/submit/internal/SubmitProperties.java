package org.slurmworkbench.workbench.submit.internal;

import java.util.List;
import org.slurmworkbench.workbench.submit.SubmitTestUsers;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code workbench.submit.*}. {@code testUsers}: the Slurm users an admin may submit as (e.g. for workloads);
 * nobody else may be named in a job's {@code user}.
 */
@ConfigurationProperties("workbench.submit")
record SubmitProperties(List<String> testUsers) implements SubmitTestUsers {

    SubmitProperties {
        testUsers = testUsers == null ? List.of() : List.copyOf(testUsers);
    }
}
