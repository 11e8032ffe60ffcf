package org.slurmworkbench.workbench.cluster.internal;

/** The cluster configuration cannot work; names the property (or file) and why. Stops the start. */
class InvalidClusterConfigurationException extends RuntimeException {

    private final String property;
    private final String reason;

    InvalidClusterConfigurationException(String property, String reason) {
        super(property + ": " + reason);
        this.property = property;
        this.reason = reason;
    }

    String property() {
        return property;
    }

    String reason() {
        return reason;
    }
}
