package org.slurmworkbench.slurm;

import java.util.List;

/**
 * Base of every failure the client reports. Subclasses say what kind of failure it was, so callers can
 * react (re-authenticate, show "not found", refuse) without parsing messages. Never carries a token.
 */
public class SlurmException extends RuntimeException {

    private final int httpStatus;
    private final List<SlurmError> errors;
    private volatile String cluster;

    public SlurmException(String message, int httpStatus, List<SlurmError> errors, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public SlurmException(String message, int httpStatus, List<SlurmError> errors) {
        this(message, httpStatus, errors, null);
    }

    /** HTTP status of the answer, or 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The entries of the answer's {@code errors[]}, as slurmrestd sent them. */
    public List<SlurmError> errors() {
        return errors;
    }

    /** Slurm's error number of the first error, or 0. */
    public int errorNumber() {
        return errors.isEmpty() ? 0 : errors.getFirst().number();
    }

    /** The name of the cluster the failure came from, as its caller named it ({@link #onCluster}); null if not named. */
    public String cluster() {
        return cluster;
    }

    /**
     * Names the cluster this failure came from, for messages that must say which one (the client itself knows only
     * slurmrestd's URL). The first name given stays. @return this exception, to throw on
     */
    public SlurmException onCluster(String name) {
        if (cluster == null) {
            cluster = name;
        }
        return this;
    }

    /** slurmrestd rejected the token or user name (22.05: HTTP 500/401; 24.11+: HTTP 511, error 1007). */
    public static final class Authentication extends SlurmException {
        public Authentication(String message, int httpStatus, List<SlurmError> errors) {
            super(message, httpStatus, errors);
        }
    }

    /** The job, QOS or other object does not exist (22.05 answers HTTP 500 with error 2017 for a job). */
    public static final class NotFound extends SlurmException {
        public NotFound(String message, int httpStatus, List<SlurmError> errors) {
            super(message, httpStatus, errors);
        }
    }

    /** The authenticated Slurm user may not do this (error 2002 "Access/permission denied"). */
    public static final class PermissionDenied extends SlurmException {
        public PermissionDenied(String message, int httpStatus, List<SlurmError> errors) {
            super(message, httpStatus, errors);
        }
    }

    /** Slurm refused the request with its own error number (e.g. invalid partition, bad QOS limit). */
    public static final class Rejected extends SlurmException {
        public Rejected(String message, int httpStatus, List<SlurmError> errors) {
            super(message, httpStatus, errors);
        }
    }

    /** The cluster's REST API version does not offer this operation at all (e.g. node update on v0.0.38). */
    public static final class NotOffered extends SlurmException {
        public NotOffered(String message) {
            super(message, 0, List.of());
        }
    }

    /** slurmrestd or the daemons behind it cannot be reached, timed out, or answered with a server fault. */
    public static final class Unavailable extends SlurmException {

        private final boolean connectionFailed;

        public Unavailable(String message, int httpStatus, Throwable cause) {
            this(message, httpStatus, cause, false);
        }

        /** {@code connectionFailed}: see {@link #connectionFailed()}. */
        public Unavailable(String message, int httpStatus, Throwable cause, boolean connectionFailed) {
            super(message, httpStatus, List.of(), cause);
            this.connectionFailed = connectionFailed;
        }

        public Unavailable(String message, int httpStatus, List<SlurmError> errors) {
            super(message, httpStatus, errors, null);
            this.connectionFailed = false;
        }

        /**
         * True when the connection to slurmrestd failed: refused, not made within the connect timeout, or reset or
         * closed before the answer was complete (slurmrestd is not running or restarting; trying again soon may
         * work). False when slurmrestd answered that a daemon behind it is down, or accepted the request but did
         * not answer within the request timeout: trying again would wait as long again.
         */
        public boolean connectionFailed() {
            return connectionFailed;
        }
    }
}
