package org.slurmworkbench.workbench.web.internal;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Whether a failure means MariaDB or Redis is out of reach (a 503 that goes away by itself) rather than a bug
 * (a 500), and which of the two it was, for the message.
 */
final class DependencyOutage {

    private DependencyOutage() {
    }

    /** "Redis" or "MariaDB" when {@code e} or one of its causes is an outage of that store; null otherwise. */
    static String of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisConnectionFailureException) {
                return "Redis";
            }
            if (t instanceof CannotGetJdbcConnectionException || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return "MariaDB";
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException) {
                return t.getClass().getName().contains("redis") ? "Redis" : "MariaDB";
            }
        }
        return null;
    }

    static String detail(String store) {
        return store + " is out of reach; the workbench keeps what it accepted and recovers by itself when "
                + store + " is back. Try again shortly.";
    }
}
