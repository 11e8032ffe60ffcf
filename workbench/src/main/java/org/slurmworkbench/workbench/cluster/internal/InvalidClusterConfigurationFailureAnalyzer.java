package org.slurmworkbench.workbench.cluster.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid cluster configuration into Spring Boot's short "APPLICATION FAILED TO START" report. */
public class InvalidClusterConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidClusterConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidClusterConfigurationException cause) {
        return new FailureAnalysis("Invalid cluster configuration: " + cause.getMessage(),
                "Fix " + cause.property() + " (see the configuration reference in the README) and start again.", cause);
    }
}
