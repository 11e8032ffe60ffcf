package org.slurmworkbench.slurm.rest;

import java.util.List;
import java.util.Locale;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SlurmException;

/**
 * The one place that turns an HTTP status plus {@code errors[]} into a typed exception. Each rule names the
 * release behaviour it exists for (see shared/slurm/LAB-FACTS.md).
 */
public final class ErrorClassifier {

    /** ESLURM_ACCESS_DENIED / "Access/permission denied". */
    public static final int ACCESS_DENIED = 2002;
    /** ESLURM_INVALID_JOB_ID: 22.05 answers an unknown job with HTTP 500 and this. */
    public static final int INVALID_JOB_ID = 2017;
    /** ESLURM_JOB_HELD: a held submit is accepted, with this as an "error". */
    public static final int JOB_HELD = 2042;
    /** ESLURM_REST_AUTH / authentication failure on 24.11+ (HTTP 511). */
    public static final int AUTH_FAILURE = 1007;
    /**
     * ESLURM_DB_CONNECTION: /slurmdb on 24.11/26.05 answers HTTP 502 with this when slurmrestd cannot open its
     * slurmdbd connection. A bad or expired token causes it too: 24.11 then says "..., authentication error",
     * 26.05 says only "Failed to open slurmdbd connection" (indistinguishable from slurmdbd being down).
     */
    public static final int DB_CONNECTION = 7000;
    /**
     * Slurm's "cannot talk to the daemon" errors: SLURM_COMMUNICATIONS_{CONNECTION,SEND,RECEIVE,SHUTDOWN}_ERROR
     * (1001-1004), SLURMCTLD_COMMUNICATIONS_* "Unable to contact slurm controller" (1800-1803) and
     * SLURM_PROTOCOL_SOCKET_IMPL_TIMEOUT (5004): slurmrestd is up but slurmctld is not, so the call may work later.
     * Also ECONNREFUSED (111), with which 24.11 and 26.05 answer /partitions (HTTP 500, "Slurmdb query failed") when
     * slurmdbd is down.
     */
    static final java.util.Set<Integer> COMMUNICATION = java.util.Set.of(111, 1001, 1002, 1003, 1004, 1800, 1801, 1802, 1803, 5004);
    /** SLURM_PROTOCOL_SOCKET_ZERO_BYTES_SENT: what 22.05 writes (with HTTP 500) rejected a submit or cancel token with. */
    public static final int ZERO_BYTES = 5005;

    private ErrorClassifier() {
    }

    /**
     * Returns the exception for this answer, or null when it is a success. {@code context} names the call
     * (method and path) for the message; it never holds a token.
     */
    public static SlurmException classify(int status, List<SlurmError> errors, String context) {
        boolean hasErrors = errors.stream().anyMatch(e -> e.number() != 0 || !blank(e.error()));
        if (status < 400 && !hasErrors) {
            return null;
        }
        String message = describe(status, errors, context);
        if (errors.stream().anyMatch(e -> COMMUNICATION.contains(e.number()))) {
            return new SlurmException.Unavailable(message, status, errors);
        }
        if (status == 401 || status == 511 || hasNumber(errors, AUTH_FAILURE) || isAuthFailure2205(status, errors)
                || (hasNumber(errors, DB_CONNECTION) && errors.stream().anyMatch(e -> text(e).contains("authentication")))) {
            return new SlurmException.Authentication(message, status, errors);
        }
        if (status == 403 || hasNumber(errors, ACCESS_DENIED)) {
            return new SlurmException.PermissionDenied(message, status, errors);
        }
        if (status == 404 || hasNumber(errors, INVALID_JOB_ID)) {
            return new SlurmException.NotFound(message, status, errors);
        }
        if (((status == 502 || status == 503 || status == 504) && !hasErrors) || hasNumber(errors, DB_CONNECTION)) {
            return new SlurmException.Unavailable(message, status, errors);
        }
        return new SlurmException.Rejected(message, status, errors);
    }

    /**
     * 22.05 answers a bad or expired token with HTTP 500, not 401: slurmctld drops the RPC, and slurmrestd
     * reports whatever the call failed with. Seen on 22.05.8: error -1 "Unspecified error" on reads (ping adds
     * "slurmctld config is unable to load"; nodes and partitions write the number as {@code errno}),
     * 5005 "Zero Bytes were transmitted or received" on submit and cancel, 1007 on /slurmdb (caught above).
     */
    private static boolean isAuthFailure2205(int status, List<SlurmError> errors) {
        if (status != 500 || errors.stream().anyMatch(e -> "slurm_create_reservation".equals(e.source()))) {
            // 26.05 answers a reservation naming a user it does not know with HTTP 500, -1 "Unspecified error" from
            // slurm_create_reservation: a refusal (22.05's REST API cannot create reservations at all)
            return false;
        }
        return errors.isEmpty() || errors.stream().anyMatch(e -> e.number() == -1 || e.number() == ZERO_BYTES
                || text(e).contains("unable to load") || text(e).contains("unspecified error")
                || text(e).contains("authentication") || text(e).contains("auth failure"));
    }

    private static String text(SlurmError e) {
        return ((e.error() == null ? "" : e.error()) + " " + (e.description() == null ? "" : e.description()))
                .toLowerCase(Locale.ROOT);
    }

    private static boolean hasNumber(List<SlurmError> errors, int number) {
        return errors.stream().anyMatch(e -> e.number() == number);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String describe(int status, List<SlurmError> errors, String context) {
        StringBuilder sb = new StringBuilder();
        if (context != null && !context.isBlank()) {
            sb.append(context).append(": ");
        }
        if (errors.isEmpty()) {
            sb.append("HTTP ").append(status);
        } else {
            for (int i = 0; i < errors.size(); i++) {
                sb.append(i == 0 ? "" : "; ").append(errors.get(i).message());
            }
            sb.append(" (HTTP ").append(status).append(')');
        }
        return sb.toString();
    }
}
